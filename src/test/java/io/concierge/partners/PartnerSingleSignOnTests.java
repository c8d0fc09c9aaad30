package io.concierge.partners;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.concierge.IntegrationTest;
import io.concierge.identity.AccountView;
import io.concierge.identity.Accounts;
import io.concierge.identity.NewAccount;
import io.concierge.identity.Role;
import io.concierge.identity.SingleSignOn;
import io.concierge.identity.SingleSignOn.ExternalUser;
import io.concierge.identity.SingleSignOn.Outcome;
import io.concierge.identity.SingleSignOnDirectory.Binding;
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
 * A partner bound to a single sign-on provider ("acme", the tests' mock provider) and an
 * email domain: newcomers at the domain join it with the partner role, its members sign
 * in there and no longer with a password, and unbinding gives the password back. The
 * provider's answer is given to {@link SingleSignOn} as the sign-in's success handler
 * would; the browser's part is the one company sign-in already has.
 */
@IntegrationTest
class PartnerSingleSignOnTests {

	private static final String OPERATIONS = "operations@concierge.example";

	@Autowired
	Partners partners;

	@Autowired
	PartnerSingleSignOn partnerSignOn;

	@Autowired
	SingleSignOn singleSignOn;

	@Autowired
	Accounts accounts;

	@Autowired
	MailOutbox outbox;

	@Autowired
	AuditTrail trail;

	@Autowired
	MockMvcTester mvc;

	@Test
	void aNewcomerAtTheBoundDomainJoinsThatPartnerWithThePartnerRoleAndNoPasswordEmail() {
		String tag = tag();
		Partner carrier = boundPartner("SSO Freight " + tag, "freight-" + tag + ".example");
		Partner other = boundPartner("SSO Other " + tag, "other-" + tag + ".example");
		String email = "kim@freight-" + tag + ".example";

		Outcome outcome = this.singleSignOn.signedIn(verified(email), "203.0.113.5");

		assertThat(outcome.account()).isEqualTo(EmailAddress.of(email));
		AccountView account = this.accounts.findByEmail(EmailAddress.of(email)).orElseThrow();
		assertThat(account.role()).isEqualTo(Role.PARTNER);
		assertThat(account.organisationName()).as("a partner is no company").isNull();
		assertThat(this.partners.member(account.id()))
			.hasValueSatisfying((member) -> assertThat(member.partner().id()).isEqualTo(carrier.id()));
		assertThat(this.partners.members(other.id())).isEmpty();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.trail.search(new AuditQuery(email, null, 20))
				.entries()
				.stream()
				.anyMatch((entry) -> entry.action().equals("partners.member.joined")
						&& entry.subject().equals(carrier.name() + ": " + email)));
		assertThat(this.outbox.sentTo(EmailAddress.of(email))).as("the provider has the password").isEmpty();
		assertThat(this.singleSignOn.isCompanysProvider(EmailAddress.of(email), "acme"))
			.as("the partner's provider stands in for the second factor")
			.isTrue();
	}

	@Test
	void theBoundProviderStandsInForTheSecondFactorOnlyWhenItsIdTokenSaysMultiFactor() {
		String tag = tag();
		String domain = "amr-" + tag + ".example";
		boundPartner("SSO Assurance " + tag, domain);
		EmailAddress email = EmailAddress.of("lee@" + domain);
		assertThat(this.singleSignOn.signedIn(verified(email.value()), "::1").account()).isEqualTo(email);

		assertThat(this.singleSignOn.saysMultiFactor(List.of("pwd", "mfa"), null)).isTrue();
		assertThat(this.singleSignOn.saysMultiFactor(List.of("hwk"), null)).isTrue();
		assertThat(this.singleSignOn.saysMultiFactor(List.of("pwd"), null)).isFalse();
		assertThat(this.singleSignOn.saysMultiFactor(null, null)).as("nothing said").isFalse();
		assertThat(this.singleSignOn.saysMultiFactor(null, "urn:acme:loa:1")).as("no acr configured").isFalse();

		ExternalUser twoFactors = new ExternalUser("acme", "s", email.value(), true, "Lee", true);
		ExternalUser oneFactor = new ExternalUser("acme", "s", email.value(), true, "Lee", false);
		assertThat(this.singleSignOn.standsInForSecondFactor(email, twoFactors)).isTrue();
		assertThat(this.singleSignOn.standsInForSecondFactor(email, oneFactor)).isFalse();
		assertThat(this.singleSignOn.standsInForSecondFactor(email,
				new ExternalUser("other", "s", email.value(), true, "Lee", true)))
			.as("not the partner's provider")
			.isFalse();
	}

	@Test
	void anExistingMemberAtTheDomainSignsInThroughTheProviderWithoutALinkStep() {
		String tag = tag();
		String domain = "members-" + tag + ".example";
		Partner vendor = boundPartner("SSO Members " + tag, domain);
		String email = "pat@" + domain;
		this.partners.invite(vendor.id(), email, "Pat Member", "http://localhost", OPERATIONS, "::1");
		ExternalUser pat = verified(email);

		assertThat(this.singleSignOn.signedIn(pat, "::1").account()).isEqualTo(EmailAddress.of(email));
		assertThat(this.singleSignOn.signedIn(pat, "::1").account()).as("linked from now on")
			.isEqualTo(EmailAddress.of(email));
		assertThat(this.partners.members(vendor.id())).extracting(Partners.Member::email).containsExactly(email);
	}

	@Test
	void aBoundPartnersMemberIsRefusedThePasswordFormUntilThePartnerIsUnbound() {
		String tag = tag();
		Partner carrier = this.partners.create(Partner.Kind.CARRIER, "SSO Password " + tag, "ssopw-" + tag, OPERATIONS,
				"::1");
		String email = "dispatch@password-" + tag + ".example";
		String password = member(carrier, email);

		bind(carrier, "password-" + tag + ".example");
		assertThat(signInWithPassword(email, password)).hasRedirectedUrl("/login?sso=sso.required");
		assertThat(this.singleSignOn.requiredProvider(EmailAddress.of(email))).as("passkeys ask the same")
			.contains("acme");

		assertThat(this.partnerSignOn.bind(carrier.id(), "", null, OPERATIONS, "::1")).isEmpty();
		assertThat(this.singleSignOn.requiredProvider(EmailAddress.of(email))).isEmpty();
		assertThat(signInWithPassword(email, password)).as("on to set up the second factor partners must have")
			.hasRedirectedUrl("/account/security");
		assertThat(this.singleSignOn.signedIn(verified("newcomer@password-" + tag + ".example"), "::1").account())
			.as("an unbound partner takes no one in")
			.satisfies((account) -> assertThat(this.accounts.findByEmail(account).orElseThrow().role())
				.isEqualTo(Role.CUSTOMER));
	}

	@Test
	void anUnverifiedAddressOrAnotherDomainOrProviderJoinsNoPartner() {
		String tag = tag();
		String domain = "strict-" + tag + ".example";
		Partner carrier = boundPartner("SSO Strict " + tag, domain);

		Outcome unverified = this.singleSignOn
			.signedIn(new ExternalUser("acme", UUID.randomUUID().toString(), "eve@" + domain, false, "Eve"), "::1");
		assertThat(unverified.refused()).isEqualTo("sso.unverified");
		assertThat(this.accounts.findByEmail(EmailAddress.of("eve@" + domain))).isEmpty();

		String elsewhere = "sam@elsewhere-" + tag + ".example";
		this.singleSignOn.signedIn(verified(elsewhere), "::1");
		String otherProvider = "lee@" + domain;
		this.singleSignOn.signedIn(new ExternalUser("globex", UUID.randomUUID().toString(), otherProvider, true, "Lee"),
				"::1");
		for (String address : new String[] { elsewhere, otherProvider }) {
			AccountView account = this.accounts.findByEmail(EmailAddress.of(address)).orElseThrow();
			assertThat(account.role()).as(address).isEqualTo(Role.CUSTOMER);
			assertThat(this.partners.member(account.id())).as(address).isEmpty();
		}
		assertThat(this.partners.members(carrier.id())).isEmpty();
	}

	@Test
	void anotherPartnersBindingIsNotUsed() {
		String tag = tag();
		String domain = "shared-" + tag + ".example";
		boundPartner("SSO Bound " + tag, domain);
		Partner unbound = this.partners.create(Partner.Kind.VENDOR, "SSO Unbound " + tag, null, OPERATIONS, "::1");
		Partner elsewhere = boundPartner("SSO Elsewhere " + tag, "elsewhere-" + tag + ".example");
		String unboundMember = "ann@" + domain;
		String password = member(unbound, unboundMember);
		String elsewhereMember = "ben@" + domain;
		member(elsewhere, elsewhereMember);

		assertThat(this.singleSignOn.requiredProvider(EmailAddress.of(unboundMember))).isEmpty();
		assertThat(signInWithPassword(unboundMember, password)).hasRedirectedUrl("/account/security");
		Outcome ann = this.singleSignOn.signedIn(verified(unboundMember), "::1");
		assertThat(ann.account()).as("not taken over by the bound partner's domain").isNull();
		assertThat(ann.linkable()).isEqualTo(EmailAddress.of(unboundMember));
		Outcome ben = this.singleSignOn.signedIn(verified(elsewhereMember), "::1");
		assertThat(ben.account()).as("his partner vouches for its own domain only").isNull();
		assertThat(ben.linkable()).isEqualTo(EmailAddress.of(elsewhereMember));
		assertThat(this.partners.member(this.accounts.findByEmail(EmailAddress.of(unboundMember)).orElseThrow().id()))
			.hasValueSatisfying((member) -> assertThat(member.partner().id()).isEqualTo(unbound.id()));
	}

	@Test
	void operationsBindsAPartnerOnItsPageAndBadInputIsRefusedSayingWhy() {
		String tag = tag();
		Partner vendor = this.partners.create(Partner.Kind.VENDOR, "SSO Page " + tag, null, OPERATIONS, "::1");
		String uri = "/operations/partners/" + vendor.id() + "/single-sign-on";

		assertThat(this.mvc.post()
			.uri(uri)
			.param("provider", "acme")
			.param("domain", " @Page-" + tag + ".Example ")
			.with(user(OPERATIONS).roles("OPERATIONS"))
			.with(csrf())).hasRedirectedUrl("/operations/partners");
		assertThat(this.partnerSignOn.bindings()).containsEntry(vendor.id(),
				new Binding("acme", "page-" + tag + ".example"));
		assertThat(this.mvc.get().uri("/operations/partners").with(user(OPERATIONS).roles("OPERATIONS"))).hasStatusOk()
			.bodyText()
			.contains("Signs in with acme (people at page-" + tag + ".example)", "Save single sign-on for SSO Page");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.trail.search(new AuditQuery(OPERATIONS, null, 50))
				.entries()
				.stream()
				.anyMatch((entry) -> entry.action().equals("partners.sso.bound")
						&& entry.subject().equals(vendor.name() + ": acme @page-" + tag + ".example")));

		assertThat(this.mvc.post()
			.uri(uri)
			.param("provider", "nobody")
			.param("domain", "page-" + tag + ".example")
			.with(user(OPERATIONS).roles("OPERATIONS"))
			.with(csrf())).hasStatus(400).bodyText().contains("Choose one of the configured sign-in providers.");
		assertThat(this.mvc.post()
			.uri(uri)
			.param("provider", "acme")
			.param("domain", "not a domain")
			.with(user(OPERATIONS).roles("OPERATIONS"))
			.with(csrf())).hasStatus(400).bodyText().contains("Give the email domain, such as dhl.example.");
		assertThat(this.mvc.post()
			.uri(uri)
			.param("provider", "acme")
			.param("domain", "Gmail.com")
			.with(user(OPERATIONS).roles("OPERATIONS"))
			.with(csrf())).hasStatus(400)
			.bodyText()
			.contains("Anyone can have an address at this mail service: give your company&#39;s own domain.");
		Partner other = this.partners.create(Partner.Kind.VENDOR, "SSO Page Other " + tag, null, OPERATIONS, "::1");
		assertThatThrownBy(
				() -> this.partnerSignOn.bind(other.id(), "acme", "page-" + tag + ".example", OPERATIONS, "::1"))
			.isInstanceOfSatisfying(InvalidPartner.class, (ex) -> assertThat(ex.reason()).isEqualTo("ssoTaken"));
		assertThat(this.partnerSignOn.bindings()).as("nothing half written")
			.containsEntry(vendor.id(), new Binding("acme", "page-" + tag + ".example"))
			.doesNotContainKey(other.id());

		assertThat(this.mvc.post()
			.uri(uri)
			.param("provider", "")
			.with(user("someone@partner.example").roles("PARTNER"))
			.with(csrf())).hasStatus(403);
		assertThat(
				this.mvc.post().uri(uri).param("provider", "").with(user(OPERATIONS).roles("OPERATIONS")).with(csrf()))
			.hasRedirectedUrl("/operations/partners");
		assertThat(this.partnerSignOn.bindings()).doesNotContainKey(vendor.id());
	}

	private Partner boundPartner(String name, String domain) {
		Partner partner = this.partners.create(Partner.Kind.VENDOR, name, null, OPERATIONS, "::1");
		bind(partner, domain);
		return partner;
	}

	private void bind(Partner partner, String domain) {
		assertThat(this.partnerSignOn.bind(partner.id(), "acme", domain, OPERATIONS, "::1"))
			.contains(new Binding("acme", domain));
	}

	/**
	 * A member with a password of their own, as after an invitation's link.
	 */
	private String member(Partner partner, String email) {
		String password = "test passphrase " + UUID.randomUUID();
		AccountView account = this.accounts
			.open(new NewAccount(EmailAddress.of(email), "Member", password, Role.PARTNER, null));
		this.partners.link(partner.id(), account.id(), OPERATIONS);
		return password;
	}

	private org.springframework.test.web.servlet.assertj.MvcTestResult signInWithPassword(String email,
			String password) {
		return this.mvc.post().uri("/login").param("email", email).param("password", password).with(csrf()).exchange();
	}

	private static ExternalUser verified(String email) {
		return new ExternalUser("acme", UUID.randomUUID().toString(), email, true, "Provider User");
	}

	private static String tag() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
