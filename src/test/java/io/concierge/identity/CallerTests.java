package io.concierge.identity;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallerTests {

	private final UUID account = UUID.randomUUID();

	private final UUID company = UUID.randomUUID();

	@Test
	void ownsWhatBelongsToItselfOrItsCompanyAndNothingElse() {
		Caller caller = new Caller(this.account, this.company, Role.CUSTOMER, EnumSet.of(OrganisationRole.VIEWER));
		assertThat(caller.owns(this.account, null)).isTrue();
		assertThat(caller.owns(UUID.randomUUID(), this.company)).isTrue();
		assertThat(caller.owns(UUID.randomUUID(), UUID.randomUUID())).isFalse();
		assertThat(caller.owns(null, null)).isFalse();
	}

	@Test
	void aPrivateCustomerOwnsNoCompanysResources() {
		Caller caller = new Caller(this.account, null, Role.CUSTOMER, Set.of());
		assertThat(caller.owns(UUID.randomUUID(), null)).isFalse();
		assertThat(caller.owns(UUID.randomUUID(), UUID.randomUUID())).isFalse();
		assertThat(caller.may(OrganisationRole.VIEWER)).isFalse();
	}

	@Test
	void mayOnlyWhatItsCompanyRolesAllow() {
		Caller buyer = new Caller(this.account, this.company, Role.CUSTOMER, EnumSet.of(OrganisationRole.BUYER));
		assertThat(buyer.may(OrganisationRole.BUYER)).isTrue();
		assertThat(buyer.may(OrganisationRole.ADMIN)).isFalse();
	}

}
