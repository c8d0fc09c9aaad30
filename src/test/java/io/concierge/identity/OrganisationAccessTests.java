package io.concierge.identity;

import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.concierge.IntegrationTest;
import io.concierge.PortalClient;
import io.concierge.identity.DemoLogins.DemoLogin;
import io.concierge.identity.TestLogins.TestLogin;
import io.concierge.shared.EmailAddress;
import io.concierge.shared.NotFound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Nobody reaches into another company account: its members and invitations answer 404,
 * exactly like ones that do not exist.
 */
@IntegrationTest
class OrganisationAccessTests {

	@Autowired
	Accounts accounts;

	@Autowired
	Organisations organisations;

	@Autowired
	Callers callers;

	@Autowired
	DemoLogins demo;

	@LocalServerPort
	int port;

	@Test
	void anotherOrganisationsMembersAndInvitationsAreNotFound() {
		Caller nordwind = nordwindAdmin();
		Caller other = caller(
				TestLogins.organisationAdmin(this.accounts, this.organisations, "Other Co " + UUID.randomUUID()));
		UUID jana = nordwind.account();
		assertThatExceptionOfType(NotFound.class).isThrownBy(
				() -> this.organisations.changeRoles(other, jana, EnumSet.of(OrganisationRole.VIEWER), "127.0.0.1"));
		assertThatExceptionOfType(NotFound.class).isThrownBy(() -> this.organisations.remove(other, jana, "127.0.0.1"));
		assertThatExceptionOfType(NotFound.class).isThrownBy(() -> this.organisations.changeRoles(other,
				UUID.randomUUID(), EnumSet.of(OrganisationRole.VIEWER), "127.0.0.1"));

		this.organisations.invite(nordwind, EmailAddress.of("scoped-" + UUID.randomUUID() + "@example.com"),
				EnumSet.of(OrganisationRole.VIEWER), "http://localhost", "127.0.0.1");
		UUID invitation = this.organisations.overview(nordwind).invitations().getFirst().id();
		assertThatExceptionOfType(NotFound.class)
			.isThrownBy(() -> this.organisations.revokeInvitation(other, invitation, "127.0.0.1"));
		assertThat(this.organisations.overview(other).members()).extracting(Organisations.Member::email)
			.doesNotContain("jana.keller@nordwind.example");
	}

	@Test
	void overHttpAnotherOrganisationsMemberAnswersTheSame404AsNobody() {
		TestLogin other = TestLogins.organisationAdmin(this.accounts, this.organisations,
				"Third Co " + UUID.randomUUID());
		PortalClient client = new PortalClient(this.port).signIn(other.email(), other.password());
		HttpResponse<String> page = client.get("/organisation", "text/html");
		UUID jana = nordwindAdmin().account();
		HttpResponse<String> someoneElses = client.post("/organisation/members/" + jana + "/remove",
				Map.of("_csrf", PortalClient.csrf(page)));
		HttpResponse<String> nobody = client.post("/organisation/members/" + UUID.randomUUID() + "/remove",
				Map.of("_csrf", PortalClient.csrf(page)));
		assertThat(someoneElses.statusCode()).isEqualTo(404).isEqualTo(nobody.statusCode());
		assertThat(someoneElses.body().replaceAll("/members/[^/]+/", "/members/ID/"))
			.isEqualTo(nobody.body().replaceAll("/members/[^/]+/", "/members/ID/"));
	}

	@Test
	void onlyAnOrganisationsAdminsSeeItsAdminPage() {
		DemoLogin customer = this.demo.of(Role.CUSTOMER);
		PortalClient client = new PortalClient(this.port).signIn(customer.email().value(), customer.password());
		assertThat(client.get("/organisation", "text/html").statusCode()).isEqualTo(403);
	}

	@Test
	void anOrganisationKeepsAtLeastOneAdmin() {
		Caller nordwind = nordwindAdmin();
		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> this.organisations.changeRoles(nordwind, nordwind.account(),
					EnumSet.of(OrganisationRole.BUYER), "127.0.0.1"));
	}

	private Caller nordwindAdmin() {
		return this.callers.of(() -> "jana.keller@nordwind.example");
	}

	private Caller caller(TestLogin login) {
		return this.callers.of(login::email);
	}

}
