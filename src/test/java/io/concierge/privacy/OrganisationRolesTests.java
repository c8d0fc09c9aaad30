package io.concierge.privacy;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.concierge.IntegrationTest;
import io.concierge.billing.Billing;
import io.concierge.identity.Caller;
import io.concierge.identity.OrganisationRole;
import io.concierge.identity.Role;
import io.concierge.orders.ChangeAction;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.OrderSelfService;
import io.concierge.orders.Orders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A company's members see what their roles allow: a viewer reads its orders, a buyer
 * changes them too, finance (and the company's administrators) see its billing, and
 * nobody outside the company sees its orders at all.
 */
@IntegrationTest
class OrganisationRolesTests {

	@Autowired
	OrderManagement orders;

	@Autowired
	OrderSelfService selfService;

	@Test
	void aViewerReadsABuyerChangesFinanceBills() {
		UUID company = UUID.randomUUID();
		Caller viewer = member(company, OrganisationRole.VIEWER);
		Caller buyer = member(company, OrganisationRole.BUYER);
		Caller finance = member(company, OrganisationRole.FINANCE);
		Caller outsider = member(UUID.randomUUID(), OrganisationRole.ADMIN);
		String number = this.orders.place(Orders.of(null, company, Instant.now(), "MUG-01", "Stoneware mug"));

		assertThat(this.selfService.view(viewer, number)).as("a viewer reads").isPresent();
		assertThat(this.selfService.options(viewer, number).orElseThrow().verdict(ChangeAction.CANCEL.name()))
			.satisfies((verdict) -> {
				assertThat(verdict.allowed()).isFalse();
				assertThat(verdict.reason()).isEqualTo("role");
			});
		assertThat(this.selfService.options(buyer, number).orElseThrow().verdict(ChangeAction.CANCEL.name()).allowed())
			.as("a buyer may cancel the company's order")
			.isTrue();
		assertThat(this.selfService.view(outsider, number)).as("another company's admin sees nothing").isEmpty();

		assertThat(Billing.mayBill(viewer)).isFalse();
		assertThat(Billing.mayBill(buyer)).isFalse();
		assertThat(Billing.mayBill(finance)).isTrue();
		assertThat(Billing.mayBill(member(company, OrganisationRole.ADMIN))).isTrue();
	}

	private static Caller member(UUID company, OrganisationRole role) {
		return new Caller(UUID.randomUUID(), company, Role.CUSTOMER, Set.of(role));
	}

}
