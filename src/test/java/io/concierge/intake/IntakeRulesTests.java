package io.concierge.intake;

import java.math.BigDecimal;
import java.security.Principal;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.unit.DataSize;

import io.concierge.IntegrationTest;
import io.concierge.identity.Accounts;
import io.concierge.identity.Callers;
import io.concierge.identity.Organisations;
import io.concierge.identity.TestLogins;
import io.concierge.intake.IntakeRules.Action;
import io.concierge.intake.IntakeRules.Rule;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.Orders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A company's credit limit counts its orders still on their way.
 */
@IntegrationTest
class IntakeRulesTests {

	@Autowired
	IntakeRules rules;

	@Autowired
	OrderManagement orders;

	@Autowired
	Accounts accounts;

	@Autowired
	Organisations organisations;

	@Autowired
	Callers callers;

	@Test
	void anOrderOverTheCompanysCreditLimitIsHeld() {
		String admin = TestLogins.organisationAdmin(this.accounts, this.organisations, "Credit " + UUID.randomUUID())
			.email();
		UUID company = this.callers.of((Principal) () -> admin).organisation();
		// 20 euros on their way already
		this.orders.place(Orders.of(null, company, Orders.PLACED, "MUG-01", "Mug", "POT-07", "Teapot"));
		var order = Orders.of(null, company, Orders.PLACED, "MUG-01", "Mug", "KTL-02", "Kettle");

		assertThat(this.rules.check(order, channel(company, "30"))).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo(Rule.CREDIT_LIMIT);
			assertThat(finding.action()).isEqualTo(Action.HOLD);
			assertThat(finding.reason())
				.isEqualTo("Open orders of 20 and this one of 20.00 EUR are over the credit limit of 30");
		});
		assertThat(this.rules.check(order, channel(company, "40"))).isEmpty();
	}

	private static IntakeChannels.Channel channel(UUID company, String limit) {
		return new IntakeChannels.Channel(Format.CSV, "secret", company, DataSize.ofMegabytes(1), 5, 100,
				Map.of(Rule.CREDIT_LIMIT, Action.HOLD), Set.of(), null, 1000, new BigDecimal(limit), null, null,
				IntakeChannels.Queue.POSTGRES, null);
	}

}
