package org.kakehashi.vulns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.kakehashi.platform.InvalidFields;

/**
 * The pure rules under coordination: how typed versions are read, what a stored file may be called, what type a
 * file is served as, and that whoever may write in a channel may read it.
 */
class CoordinationRuleProperties {

	private static final Set<String> TYPES = Set.of("application/pdf", "image/png", "image/jpeg", "image/gif",
			"application/zip", "application/gzip", "text/plain", "application/octet-stream");

	// --- versions --------------------------------------------------------------------------------------------------

	@Property
	void versionsAreTheDistinctTrimmedEntriesInTypedOrder(@ForAll("versionLists") List<String> typed,
			@ForAll("separators") String separator) {
		var problems = new ArrayList<InvalidFields.Problem>();
		var read = CaseVendors.versions(problems, "affectedVersions", String.join(separator, typed));
		var expected = new LinkedHashSet<String>();
		typed.stream().map(String::strip).filter(v -> !v.isEmpty()).forEach(expected::add);
		assertThat(read).containsExactlyElementsOf(expected);
		assertThat(read).allSatisfy(v -> assertThat(v).isNotBlank().isEqualTo(v.strip()).doesNotContain(",", "\n"));
		assertThat(problems.isEmpty()).isEqualTo(expected.size() <= CaseVendors.VERSIONS_MAX
				&& expected.stream().allMatch(v -> v.length() <= CaseVendors.VERSION_MAX));
		assertThat(problems).allSatisfy(p -> assertThat(p.field()).isEqualTo("affectedVersions"));
	}

	@Provide
	Arbitrary<List<String>> versionLists() {
		var version = Arbitraries.oneOf(Arbitraries.strings().withChars("0123456789.-abc ").ofMaxLength(12),
				Arbitraries.strings().withChars("x").ofLength(CaseVendors.VERSION_MAX + 1), Arbitraries.just(" "));
		return version.list().ofMaxSize(60);
	}

	@Provide
	Arbitrary<String> separators() {
		return Arbitraries.of(",", "\n", ", ", "\r\n", " ,\n");
	}

	// --- file names ------------------------------------------------------------------------------------------------

	@Property(tries = 2000)
	void aStoredFileNameIsABareNameOfAtMost255Characters(@ForAll("typedNames") String typed) {
		var name = Attachments.fileName(typed);
		assertThat(name).isNotEmpty().isNotIn(".", "..").doesNotContain("/", "\\", "\"").isEqualTo(name.strip());
		assertThat(name.codePoints().noneMatch(Character::isISOControl)).as("no control characters").isTrue();
		assertThat(name.codePointCount(0, name.length())).isLessThanOrEqualTo(Attachments.NAME_MAX);
		// What a well-formed name is cut to is still well-formed text (PostgreSQL stores no half characters).
		assertThat(name.codePoints().noneMatch(c -> Character.getType(c) == Character.SURROGATE)).as("no half characters")
			.isTrue();
		assertThat(Attachments.fileName(name)).isEqualTo(name);
	}

	@Provide
	Arbitrary<String> typedNames() {
		var codePoint = Arbitraries.oneOf(Arbitraries.chars().range('a', 'z').map(c -> (int) c),
				Arbitraries.of((int) ' ', (int) '.', (int) '/', (int) '\\', (int) '"', 0, 7, 0x1b, 0x7f, 0x85, (int) '\t'),
				Arbitraries.of(0x753b, 0x9762, 0x30d5, 0x1f600, 0x1f4a5, 0x20bb7));
		// Names around the 255-character cut, without the separators that would shorten them.
		var namePoint = Arbitraries.oneOf(Arbitraries.chars().range('a', 'z').map(c -> (int) c),
				Arbitraries.of((int) ' ', (int) '.', 0x753b, 0x1f600, 0x20bb7));
		return Arbitraries.oneOf(codePoint.list().ofMaxSize(40), namePoint.list().ofMinSize(240).ofMaxSize(280)).map(points -> {
			var out = new StringBuilder();
			points.forEach(out::appendCodePoint);
			return out.toString();
		});
	}

	@Example
	void pathsAndQuotesAreDroppedFromANameButTheNameIsKept() {
		assertThat(Attachments.fileName("..\\..\\windows/sys\"tem\u0000.ini")).isEqualTo("system.ini");
		assertThat(Attachments.fileName("/etc/")).isEqualTo("file");
		assertThat(Attachments.fileName(" .. ")).isEqualTo("file");
		assertThat(Attachments.fileName("a".repeat(300) + ".pdf")).hasSize(255).endsWith(".pdf");
		// The cut keeps whole characters: an emoji at the cut is dropped whole, not split into half a character.
		assertThat(Attachments.fileName("\uD83D\uDE00" + "b".repeat(255))).isEqualTo("b".repeat(255));
		assertThat(Attachments.fileName("\uD83D\uDE00" + "b".repeat(254))).isEqualTo("\uD83D\uDE00" + "b".repeat(254));
		assertThat(Attachments.fileName("\uD83D\uDE00".repeat(300))).isEqualTo("\uD83D\uDE00".repeat(255));
	}

	// --- served types ----------------------------------------------------------------------------------------------

	@Property
	void noFileIsEverTypedAsSomethingABrowserRenders(@ForAll byte[] bytes) {
		assertThat(TYPES).contains(Attachments.sniff(bytes));
	}

	@Property
	void textWithMarkupIsNeverServedAsText(@ForAll("prose") String before, @ForAll("tags") String tag,
			@ForAll("prose") String after) {
		var type = Attachments.sniff((before + tag + after).getBytes(StandardCharsets.UTF_8));
		assertThat(type).isEqualTo("application/octet-stream");
	}

	@Property
	void textWithoutMarkupStaysText(@ForAll("prose") String text) {
		assertThat(Attachments.sniff(text.getBytes(StandardCharsets.UTF_8))).isEqualTo("text/plain");
	}

	@Provide
	Arbitrary<String> prose() {
		return Arbitraries.strings().withChars("abc 123\n\t=<>;'()再現手順").ofMaxLength(200)
			.filter(s -> !s.matches("(?s).*<[A-Za-z!?/].*"));
	}

	@Provide
	Arbitrary<String> tags() {
		return Arbitraries.of("<html>", "<!DOCTYPE html>", "<script>", "<SCRIPT src=x>", "<svg onload=alert(1)>",
				"<?xml version=\"1.0\"?>", "<img src=x onerror=alert(1)>", "</title><script>", "<iframe>", "<a href=x>");
	}

	// --- channels --------------------------------------------------------------------------------------------------

	@Property
	void whoeverMayWriteInAChannelMayReadIt(@ForAll boolean coordinator, @ForAll boolean finder,
			@ForAll("vendorSets") Set<UUID> vendors, @ForAll MessageChannel channel, @ForAll("vendorIds") UUID vendorId) {
		var participation = new Participation(coordinator, finder, vendors);
		var target = channel == MessageChannel.VENDOR ? vendorId : null;
		if (CaseThread.writes(participation, channel, target)) {
			assertThat(participation.reads(channel, target)).isTrue();
		}
		// A vendor reads another vendor's channel only as a coordinator.
		if (channel == MessageChannel.VENDOR && !coordinator) {
			assertThat(participation.reads(channel, vendorId)).isEqualTo(vendors.contains(vendorId));
		}
		// The default channel is always one the participant may write in (with its one vendor, for a vendor).
		var chosen = CaseThread.defaultChannel(participation);
		var chosenVendor = chosen == MessageChannel.VENDOR && vendors.size() == 1 ? vendors.iterator().next() : null;
		if (coordinator || finder || vendors.size() == 1) {
			assertThat(chosen == MessageChannel.VENDOR && chosenVendor == null
					|| CaseThread.writes(participation, chosen, chosenVendor)).isTrue();
		}
	}

	private static final List<UUID> VENDORS = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

	@Provide
	Arbitrary<Set<UUID>> vendorSets() {
		return Arbitraries.of(VENDORS).set().ofMaxSize(3);
	}

	@Provide
	Arbitrary<UUID> vendorIds() {
		return Arbitraries.of(VENDORS);
	}
}
