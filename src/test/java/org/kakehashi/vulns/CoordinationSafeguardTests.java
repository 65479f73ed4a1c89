package org.kakehashi.vulns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.VulnsFixtures;
import org.kakehashi.vulns.internal.CaseStatus;
import org.kakehashi.vulns.internal.CaseVendors;
import org.kakehashi.vulns.internal.ContactAttempt;
import org.kakehashi.vulns.internal.VendorDirectory;
import org.kakehashi.vulns.internal.VendorEntry;
import org.kakehashi.vulns.internal.VulnCases;
import org.kakehashi.vulns.internal.TransitionRequest;
import org.kakehashi.vulns.internal.Outcome;
import org.kakehashi.vulns.publication.AdvisoryPublication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

/**
 * The safeguards around the coordination: a contact removed from the directory loses its personal links at once and
 * cannot ask for new ones; a vendor nobody could be written to does not start the 起算日; publishing by hand happens
 * once even when asked twice; a vendor stays on the public unreachable list only while its case is open.
 */
class CoordinationSafeguardTests extends ClockedVulnsTest {

	private static final Pattern ACCESS = Pattern.compile("https?://\\S+(/public/vulns/access\\?key=[A-Za-z0-9_\\-]+)");

	@Autowired
	VulnsFixtures world;

	@Autowired
	VendorDirectory directory;

	@Autowired
	CaseVendors vendors;

	@Autowired
	VulnCases cases;

	@Autowired
	AdvisoryPublication publication;

	@Test
	void aRemovedContactLosesItsLinkAtOnceAndGetsNoNewOne() throws Exception {
		var coordinator = world.coordinator();
		var desk = Fixtures.unique("desk") + "@former.example";
		var vendor = world.vendorWithoutAccount(coordinator, Fixtures.unique("Former Contact Corp"), desk);
		var filed = world.fileProductCase(world.finder(), Fixtures.unique("Revocation"));
		world.accept(coordinator, filed.id());
		world.invite(coordinator, filed.id(), vendor.id(), "Widget");
		var mail = String.valueOf(MAIL.getReceivedMessagesForDomain(desk)[0].getContent());
		var matcher = ACCESS.matcher(mail);
		assertThat(matcher.find()).isTrue();
		var session = browser();
		assertThat(session.get(matcher.group(1)).status()).isEqualTo(302);
		assertThat(session.get("/public/vulns/cases/" + filed.id()).status()).isEqualTo(200);

		// The vendor's desk moves: the directory gets a new address.
		directory.updateContacts(VulnsFixtures.viewer(coordinator), vendor.id(),
				List.of(new VendorEntry.Contact("New desk", Fixtures.unique("new") + "@former.example", "ja")));
		assertThat(session.get("/public/vulns/cases/" + filed.id()).status()).isEqualTo(404);
		var before = MAIL.getReceivedMessagesForDomain(desk).length;
		var asked = browser();
		asked.get("/public/vulns/access");
		asked.post("/public/vulns/access", java.util.Map.of("number", filed.number(), "email", desk));
		assertThat(MAIL.getReceivedMessagesForDomain(desk)).hasSize(before);
	}

	@Test
	void aVendorWithoutContactsDoesNotStartTheClock() {
		var coordinator = world.coordinator();
		var mute = directory.create(VulnsFixtures.viewer(coordinator), new org.kakehashi.vulns.internal.VendorDraft(
				Fixtures.unique("No Contact Corp"), "", null, "", "", List.of()));
		var filed = world.fileProductCase(world.finder(), Fixtures.unique("No contact"));
		world.accept(coordinator, filed.id());
		world.invite(coordinator, filed.id(), mute.id(), "Gadget");
		var viewer = VulnsFixtures.viewer(coordinator);
		assertThat(cases.find(viewer, filed.id()).orElseThrow().status()).isEqualTo(CaseStatus.ACCEPTED);
		assertThat(vendors.attempts(viewer, filed.id(), mute.id())).isEmpty();
	}

	@Test
	void publishingByHandHappensOnceAndTheUnreachableListFollowsTheCase() {
		var coordinator = world.coordinator();
		var viewer = VulnsFixtures.viewer(coordinator);
		var vendor = world.vendorWithAccount(coordinator, Fixtures.unique("Twice Corp"));
		var filed = world.fileProductCase(world.finder(), Fixtures.unique("Twice"));
		world.accept(coordinator, filed.id());
		world.invite(coordinator, filed.id(), vendor.entry().id(), "Doubler");
		world.describe(coordinator, filed.id(), "CVE-2026-" + (50000 + (int) (Math.random() * 40000)));
		world.draftAdvisory(coordinator, filed.id());
		world.agree(coordinator, filed.id(), clock.instant().plus(Duration.ofMinutes(30)).atZone(ZoneId.of("Asia/Tokyo"))
			.toLocalDateTime().withNano(0));
		clock.advance(Duration.ofMinutes(31));
		assertThat(publication.publishNow(viewer, filed.id()).revision()).isEqualTo(1);
		assertThatThrownBy(() -> publication.publishNow(viewer, filed.id()))
			.isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
		assertThat(publication.publishDue()).doesNotContain(filed.id());

		var gone = world.vendorWithoutAccount(coordinator, Fixtures.unique("Listed Corp"), Fixtures.unique("l") + "@listed.example");
		var other = world.fileProductCase(world.finder(), Fixtures.unique("Listed"));
		world.accept(coordinator, other.id());
		world.invite(coordinator, other.id(), gone.id(), "Listed HMI");
		for (int i = 0; i < 2; i++) {
			vendors.recordAttempt(viewer, other.id(), gone.id(), new CaseVendors.AttemptDraft(null, ContactAttempt.Channel.PHONE, ""));
		}
		vendors.markUnreachable(viewer, other.id(), gone.id());
		assertThat(listed(gone.name())).isTrue();
		cases.transition(viewer, other.id(), new TransitionRequest(CaseStatus.CLOSED, "Handled privately.", false,
				Outcome.PRIVATE_HANDLING, null, null, null));
		assertThat(listed(gone.name())).isFalse();
	}

	private boolean listed(String vendorName) {
		return vendors.unreachableListings(vendorName, 0, 50).items().stream()
			.anyMatch(l -> l.vendorName().equals(vendorName));
	}
}
