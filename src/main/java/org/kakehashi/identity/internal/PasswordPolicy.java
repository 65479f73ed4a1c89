package org.kakehashi.identity.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Password rules after NIST SP 800-63B §3.1.1.2: a minimum length, a generous maximum, no composition
 * rules, and a refusal of values that are known to be chosen often, repetitive or sequential, or built
 * from the account's own context (e-mail, name, the service's name).
 */
public final class PasswordPolicy {

	public static final int MIN_LENGTH = 12;
	public static final int MAX_LENGTH = 128;

	/** The most frequently chosen passwords in public breach corpora, lower-cased. */
	private static final Set<String> COMMON = Set.of("123456789012", "1234567890123", "12345678901234",
			"qwertyuiopas", "qwertyuiop123", "password1234", "password12345", "passwordpassword", "iloveyou1234",
			"aaaaaaaaaaaa", "111111111111", "000000000000", "abc123abc123", "letmein12345", "welcome12345",
			"administrator", "administrator1", "changeme1234", "qwerty123456", "1q2w3e4r5t6y", "1qaz2wsx3edc",
			"zaq12wsxcde3", "passw0rd1234", "p@ssw0rd1234", "p@ssword1234", "trustno11234", "monkey123456",
			"dragon123456", "football1234", "baseball1234", "superman1234", "sunshine1234", "princess1234",
			"starwars1234", "whatever1234", "shadow123456", "master123456", "michael12345", "jennifer1234",
			"asdfghjkl123", "asdfasdfasdf", "qwerqwerqwer", "zxcvbnm12345", "password123!", "password@123",
			"welcome@1234", "admin@123456", "admin1234567", "adminadmin12", "test12345678", "testtesttest",
			"secret123456", "internet1234", "computer1234", "corvette1234", "mustang12345", "samsung12345",
			"google123456", "microsoft123", "tokyo1234567", "nihon1234567", "sakura123456", "doraemon1234",
			"pokemon12345", "naruto123456", "onepiece1234", "arsenal12345", "chelsea12345", "liverpool123",
			"charlie12345", "jordan232323", "hunter123456", "killer123456", "ranger123456", "harley123456",
			"thomas123456", "robert123456", "soccer123456", "hockey123456", "buster123456", "ginger123456",
			"summer123456", "winter123456", "spring123456", "autumn123456", "january12345", "december1234",
			"qwertyqwerty", "abcdefabcdef", "abcabcabcabc", "123123123123", "121212121212", "696969696969",
			"987654321098", "098765432109", "0987654321", "987654321", "1234567890");

	private PasswordPolicy() {
	}

	/** The message key of the first rule the password breaks, or empty when it is acceptable. */
	public static Optional<String> check(String password, @Nullable String email, @Nullable String displayName) {
		int length = password.codePointCount(0, password.length());
		if (length < MIN_LENGTH) {
			return Optional.of("password.too-short");
		}
		if (length > MAX_LENGTH) {
			return Optional.of("password.too-long");
		}
		var lower = password.toLowerCase(Locale.ROOT);
		if (COMMON.contains(lower) || lower.startsWith("password") || lower.startsWith("kakehashi")) {
			return Optional.of("password.common");
		}
		if (repetitiveOrSequential(lower)) {
			return Optional.of("password.repetitive");
		}
		if (contains(lower, email == null ? null : email.toLowerCase(Locale.ROOT).split("@")[0])
				|| contains(lower, displayName == null ? null : displayName.toLowerCase(Locale.ROOT).replace(" ", ""))) {
			return Optional.of("password.context");
		}
		return Optional.empty();
	}

	private static boolean contains(String password, @Nullable String part) {
		return part != null && part.length() >= 4 && password.contains(part);
	}

	/** A single repeated character, or a run that only ever steps by +1 or -1 (abcdef…, 98765…). */
	static boolean repetitiveOrSequential(String password) {
		var codePoints = password.codePoints().toArray();
		boolean same = true;
		boolean up = true;
		boolean down = true;
		for (int i = 1; i < codePoints.length; i++) {
			int step = codePoints[i] - codePoints[i - 1];
			same &= step == 0;
			up &= step == 1;
			down &= step == -1;
		}
		if (same || up || down) {
			return true;
		}
		// Short patterns repeated to reach the length (abcabcabc…, 121212…).
		for (int period = 1; period <= 4; period++) {
			boolean periodic = true;
			for (int i = period; i < codePoints.length && periodic; i++) {
				periodic = codePoints[i] == codePoints[i - period];
			}
			if (periodic) {
				return true;
			}
		}
		return false;
	}
}
