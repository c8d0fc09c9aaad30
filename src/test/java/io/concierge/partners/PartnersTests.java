package io.concierge.partners;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.concierge.IntegrationTest;
import io.concierge.identity.Accounts;
import io.concierge.identity.Role;
import io.concierge.notifications.MailOutbox;
import io.concierge.privacy.AuditQuery;
import io.concierge.privacy.AuditTrail;
import io.concierge.shared.EmailAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Operations makes carriers and vendors and invites their people, who get an account with
 * the partner role and a link to choose a password; bad input is refused saying why, and
 * the partner portal is the partners' alone.
 */
@IntegrationTest
class PartnersTests {

	@Autowired
	Partners partners;

	@Autowired
	Accounts accounts;

	@Autowired
	MailOutbox outbox;

	@Autowired
	AuditTrail trail;

	@Autowired
	MockMvcTester mvc;

	@Test
	void operationsMakesACarrierAndInvitesItsPeople() {
		String tag = UUID.randomUUID().toString().substring(0, 6);
		Partner carrier = this.partners.create(Partner.Kind.CARRIER, "Swift Parcels " + tag, " swift-" + tag,
				"operations@concierge.example", "127.0.0.1");
		assertThat(carrier.carrier()).isEqualTo("SWIFT-" + tag.toUpperCase());

		String email = "driver-" + tag + "@swift.example";
		Partners.Member member = this.partners.invite(carrier.id(), email, "Kim Driver", "http://localhost",
				"operations@concierge.example", "127.0.0.1");

		assertThat(this.accounts.find(member.account()).orElseThrow().role()).isEqualTo(Role.PARTNER);
		assertThat(this.partners.member(member.account()))
			.hasValueSatisfying((found) -> assertThat(found.partner().id()).isEqualTo(carrier.id()));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.outbox.sentTo(EmailAddress.of(email))
				.stream()
				.anyMatch((mail) -> String.valueOf(mail.getBody()).contains("/password/reset?token=")));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.trail.search(new AuditQuery("operations@concierge.example", null, 50))
				.entries()
				.stream()
				.anyMatch((entry) -> entry.action().equals("partners.member.invited")
						&& entry.subject().contains(email)));
	}

	@Test
	void badInputIsRefusedSayingWhyAndNothingIsMade() {
		String tag = UUID.randomUUID().toString().substring(0, 6);
		assertThatThrownBy(() -> this.partners.create(Partner.Kind.CARRIER, "No Code " + tag, " ", "ops", "::1"))
			.isInstanceOfSatisfying(InvalidPartner.class, (ex) -> assertThat(ex.reason()).isEqualTo("carrier"));
		assertThatThrownBy(() -> this.partners.create(Partner.Kind.VENDOR, "x", null, "ops", "::1"))
			.isInstanceOfSatisfying(InvalidPartner.class, (ex) -> assertThat(ex.reason()).isEqualTo("name"));
		Partner vendor = this.partners.create(Partner.Kind.VENDOR, "Oak & Clay " + tag, "ignored", "ops", "::1");
		assertThat(vendor.carrier()).as("a vendor ships no parcels").isNull();
		assertThatThrownBy(() -> this.partners.create(Partner.Kind.VENDOR, "oak & clay " + tag, null, "ops", "::1"))
			.isInstanceOfSatisfying(InvalidPartner.class, (ex) -> assertThat(ex.reason()).isEqualTo("taken"));
		assertThatThrownBy(
				() -> this.partners.invite(vendor.id(), "not an address", "Sam", "http://localhost", "ops", "::1"))
			.isInstanceOfSatisfying(InvalidPartner.class, (ex) -> assertThat(ex.reason()).isEqualTo("email"));
		assertThatThrownBy(() -> this.partners.invite(vendor.id(), "alex.morgan@example.com", "Alex",
				"http://localhost", "ops", "::1"))
			.isInstanceOfSatisfying(InvalidPartner.class, (ex) -> assertThat(ex.reason()).isEqualTo("exists"));
		assertThat(this.partners.members(vendor.id())).isEmpty();

		assertThat(this.mvc.post()
			.uri("/operations/partners")
			.param("kind", "CARRIER")
			.param("name", "Nameless " + tag)
			.with(user("operations@concierge.example").roles("OPERATIONS"))
			.with(csrf())).hasStatus(400).bodyText().contains("A carrier needs the name its parcels are shipped with.");
	}

	@Test
	void thePartnerPortalIsThePartnersAlone() {
		String tag = UUID.randomUUID().toString().substring(0, 6);
		Partner carrier = this.partners.create(Partner.Kind.CARRIER, "Portal Freight " + tag, "pf-" + tag, "ops",
				"::1");
		String email = "dispatch-" + tag + "@portal.example";
		this.partners.invite(carrier.id(), email, "Dana Dispatch", "http://localhost", "ops", "::1");

		assertThat(this.mvc.get().uri("/partner").with(user(email).roles("PARTNER"))).hasStatusOk()
			.bodyText()
			.contains("Portal Freight " + tag, "Dana Dispatch");
		assertThat(this.mvc.get().uri("/dashboard").with(user(email).roles("PARTNER"))).hasRedirectedUrl("/partner");
		assertThat(this.mvc.get().uri("/partner").with(user("alex.morgan@example.com").roles("CUSTOMER")))
			.hasStatus(403);
		assertThat(this.mvc.get().uri("/operations/partners").with(user(email).roles("PARTNER"))).hasStatus(403);
		assertThat(this.mvc.get()
			.uri("/operations/partners")
			.with(user("operations@concierge.example").roles("OPERATIONS"))).hasStatusOk()
			.bodyText()
			.contains("Portal Freight " + tag, email);
	}

	@Test
	void theDemoCarrierAndVendorHaveTheirPeople() {
		Partner dhl = this.partners.all()
			.stream()
			.filter((partner) -> "DHL".equals(partner.carrier()))
			.findFirst()
			.orElseThrow();
		assertThat(this.partners.members(dhl.id())).extracting(Partners.Member::email)
			.containsExactly("dispatch@dhl.example");
		assertThat(this.accounts.findByEmail(EmailAddress.of("orders@oakandclay.example")))
			.hasValueSatisfying((account) -> assertThat(this.partners.member(account.id()))
				.hasValueSatisfying((member) -> assertThat(member.partner().name()).isEqualTo("Oak & Clay Studio")));
	}

}
