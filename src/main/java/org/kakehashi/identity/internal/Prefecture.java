package org.kakehashi.identity.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One of Japan's 47 prefectures, in JIS X 0401 order. Organisations store the Japanese name (the
 * official one); English pages show the romanised name.
 */
public record Prefecture(int code, String nameJa, String nameEn) {

	public static final List<Prefecture> ALL = List.of(new Prefecture(1, "北海道", "Hokkaido"),
			new Prefecture(2, "青森県", "Aomori"), new Prefecture(3, "岩手県", "Iwate"), new Prefecture(4, "宮城県", "Miyagi"),
			new Prefecture(5, "秋田県", "Akita"), new Prefecture(6, "山形県", "Yamagata"), new Prefecture(7, "福島県", "Fukushima"),
			new Prefecture(8, "茨城県", "Ibaraki"), new Prefecture(9, "栃木県", "Tochigi"), new Prefecture(10, "群馬県", "Gunma"),
			new Prefecture(11, "埼玉県", "Saitama"), new Prefecture(12, "千葉県", "Chiba"), new Prefecture(13, "東京都", "Tokyo"),
			new Prefecture(14, "神奈川県", "Kanagawa"), new Prefecture(15, "新潟県", "Niigata"), new Prefecture(16, "富山県", "Toyama"),
			new Prefecture(17, "石川県", "Ishikawa"), new Prefecture(18, "福井県", "Fukui"), new Prefecture(19, "山梨県", "Yamanashi"),
			new Prefecture(20, "長野県", "Nagano"), new Prefecture(21, "岐阜県", "Gifu"), new Prefecture(22, "静岡県", "Shizuoka"),
			new Prefecture(23, "愛知県", "Aichi"), new Prefecture(24, "三重県", "Mie"), new Prefecture(25, "滋賀県", "Shiga"),
			new Prefecture(26, "京都府", "Kyoto"), new Prefecture(27, "大阪府", "Osaka"), new Prefecture(28, "兵庫県", "Hyogo"),
			new Prefecture(29, "奈良県", "Nara"), new Prefecture(30, "和歌山県", "Wakayama"), new Prefecture(31, "鳥取県", "Tottori"),
			new Prefecture(32, "島根県", "Shimane"), new Prefecture(33, "岡山県", "Okayama"), new Prefecture(34, "広島県", "Hiroshima"),
			new Prefecture(35, "山口県", "Yamaguchi"), new Prefecture(36, "徳島県", "Tokushima"), new Prefecture(37, "香川県", "Kagawa"),
			new Prefecture(38, "愛媛県", "Ehime"), new Prefecture(39, "高知県", "Kochi"), new Prefecture(40, "福岡県", "Fukuoka"),
			new Prefecture(41, "佐賀県", "Saga"), new Prefecture(42, "長崎県", "Nagasaki"), new Prefecture(43, "熊本県", "Kumamoto"),
			new Prefecture(44, "大分県", "Oita"), new Prefecture(45, "宮崎県", "Miyazaki"), new Prefecture(46, "鹿児島県", "Kagoshima"),
			new Prefecture(47, "沖縄県", "Okinawa"));

	public String name(Locale locale) {
		return "ja".equals(locale.getLanguage()) ? nameJa : nameEn;
	}

	public static Optional<Prefecture> byName(String nameJa) {
		return ALL.stream().filter(p -> p.nameJa.equals(nameJa)).findFirst();
	}

	/** The stored (Japanese) name shown in the given language; unknown values are shown as stored. */
	public static String display(String stored, Locale locale) {
		return byName(stored).map(p -> p.name(locale)).orElse(stored);
	}
}
