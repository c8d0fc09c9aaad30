package io.concierge.orders;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policy table: each action at each stage, inside and outside its windows, with each
 * product flag, gives the verdict the default rules promise.
 */
class ChangePolicyTests {

	static final PolicyRules DEFAULTS = new PolicyRules(LineStatus.PICKING, LineStatus.PACKED, Duration.ofDays(2),
			LineStatus.PICKING, LineStatus.PACKED, 30, 14, new BigDecimal("1000"), Set.of(Channel.MARKETPLACE), true,
			Set.of("DHL", "DPD"));

	static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

	@ParameterizedTest(name = "{0} at {1}, {2} h after ordering, {3} days after delivery, {4}: {5} {6}")
	@CsvSource(delimiter = '|',
			textBlock = """
					# action | stage            | hours since order | days since delivery | flag          | verdict  | reason
					CANCEL   | PLACED           | 1                 |                     |               | INSTANT  | now
					CANCEL   | CONFIRMED        | 1                 |                     |               | INSTANT  | now
					CANCEL   | PICKING          | 1                 |                     |               | APPROVAL | cancel.stage
					CANCEL   | PACKED           | 1                 |                     |               | REFUSED  | cancel.stage
					CANCEL   | SHIPPED          | 1                 |                     |               | REFUSED  | cancel.shipped
					CANCEL   | IN_TRANSIT       | 1                 |                     |               | REFUSED  | cancel.shipped
					CANCEL   | DELIVERED        | 1                 | 0                   |               | REFUSED  | cancel.shipped
					CANCEL   | PLACED           | 49                |                     |               | APPROVAL | cancel.late
					CANCEL   | PLACED           | 1                 |                     | MADE_TO_ORDER | INSTANT  | now
					CANCEL   | CONFIRMED        | 1                 |                     | MADE_TO_ORDER | APPROVAL | madeToOrder
					CANCEL   | PLACED           | 1                 |                     | FINAL_SALE    | INSTANT  | now
					ADDRESS  | PLACED           | 1                 |                     |               | INSTANT  | now
					ADDRESS  | CONFIRMED        | 100               |                     |               | INSTANT  | now
					ADDRESS  | PICKING          | 1                 |                     |               | APPROVAL | address.stage
					ADDRESS  | PACKED           | 1                 |                     |               | REFUSED  | address.stage
					ADDRESS  | SHIPPED          | 1                 |                     |               | REFUSED  | address.shipped
					RETURN   | IN_TRANSIT       | 100               |                     |               | REFUSED  | return.notDelivered
					RETURN   | DELIVERED        | 100               | 1                   |               | INSTANT  | now
					RETURN   | DELIVERED        | 1000              | 30                  |               | INSTANT  | now
					RETURN   | DELIVERED        | 1000              | 31                  |               | APPROVAL | return.late
					RETURN   | DELIVERED        | 1000              | 44                  |               | APPROVAL | return.late
					RETURN   | DELIVERED        | 1500              | 45                  |               | REFUSED  | return.closed
					RETURN   | DELIVERED        | 100               | 1                   | FINAL_SALE    | REFUSED  | return.finalSale
					RETURN   | DELIVERED        | 100               | 1                   | PERISHABLE    | APPROVAL | return.perishable
					RETURN   | DELIVERED        | 100               | 1                   | MADE_TO_ORDER | APPROVAL | madeToOrder
					EXCHANGE | DELIVERED        | 100               | 1                   |               | INSTANT  | now
					EXCHANGE | DELIVERED        | 100               | 1                   | FINAL_SALE    | REFUSED  | return.finalSale
					EXCHANGE | DELIVERED        | 1000              | 31                  |               | APPROVAL | return.late
					EXCHANGE | PACKED           | 1                 |                     |               | REFUSED  | return.notDelivered
					DELIVERY | PLACED           | 1                 |                     |               | INSTANT  | now
					DELIVERY | IN_TRANSIT       | 1                 |                     |               | INSTANT  | now
					DELIVERY | OUT_FOR_DELIVERY | 1                 |                     |               | REFUSED  | delivery.outForDelivery
					DELIVERY | DELIVERED        | 1                 | 0                   |               | REFUSED  | delivery.delivered
					""")
	void decidesEachActionByStageWindowAndFlag(ChangeAction action, LineStatus stage, int hoursSinceOrder,
			Integer daysSinceDelivery, ProductFlag flag, Verdict.Kind kind, String reason) {
		Set<ProductFlag> flags = (flag != null) ? EnumSet.of(flag) : Set.of();
		Instant delivered = (daysSinceDelivery != null) ? NOW.minus(Duration.ofDays(daysSinceDelivery)) : null;
		ChangePolicy.LineFacts line = new ChangePolicy.LineFacts(1, stage, stage, stage.hasShipped() ? 0 : 2,
				(stage == LineStatus.DELIVERED) ? 2 : 0, delivered, flags);
		ChangePolicy.OrderFacts order = new ChangePolicy.OrderFacts(Channel.WEB_SHOP, false,
				NOW.minus(Duration.ofHours(hoursSinceOrder)), new BigDecimal("59.90"), true, List.of(line));

		Verdict verdict = ChangePolicy.decide(DEFAULTS, action, order, NOW).overall();

		assertThat(verdict.kind()).isEqualTo(kind);
		assertThat(verdict.reason()).isEqualTo(reason);
	}

	@Test
	void refusesEveryChangeOfAMarketplaceOrderAndSaysWhereToGo() {
		ChangePolicy.OrderFacts order = order(Channel.MARKETPLACE, false, "20.00", line(1, LineStatus.PLACED));
		for (ChangeAction action : ChangeAction.values()) {
			Verdict verdict = ChangePolicy.decide(DEFAULTS, action, order, NOW).overall();
			assertThat(verdict.kind()).isEqualTo(Verdict.Kind.REFUSED);
			assertThat(verdict.messageKey()).isEqualTo("policy.refused.managedElsewhere");
			assertThat(verdict.arguments()).containsExactly(Channel.MARKETPLACE);
		}
	}

	@Test
	void asksForApprovalToCancelOrReturnOrdersWorthMoreThanTheLimit() {
		ChangePolicy.OrderFacts placed = order(Channel.WEB_SHOP, false, "1000.01", line(1, LineStatus.PLACED));
		assertThat(ChangePolicy.decide(DEFAULTS, ChangeAction.CANCEL, placed, NOW).overall().reason())
			.isEqualTo("value");
		ChangePolicy.OrderFacts exactlyTheLimit = order(Channel.WEB_SHOP, false, "1000.00", line(1, LineStatus.PLACED));
		assertThat(ChangePolicy.decide(DEFAULTS, ChangeAction.CANCEL, exactlyTheLimit, NOW).overall().isInstant())
			.isTrue();
	}

	@Test
	void aCompanysReturnsNeedApprovalUnlessTheAdministratorSaysOtherwise() {
		ChangePolicy.OrderFacts order = order(Channel.EDI, true, "200.00", line(1, LineStatus.DELIVERED));
		assertThat(ChangePolicy.decide(DEFAULTS, ChangeAction.RETURN, order, NOW).overall().reason())
			.isEqualTo("return.company");
		PolicyRules relaxed = new PolicyRules(LineStatus.PICKING, LineStatus.PACKED, Duration.ofDays(2),
				LineStatus.PICKING, LineStatus.PACKED, 30, 14, new BigDecimal("1000"), Set.of(), false, Set.of());
		assertThat(ChangePolicy.decide(relaxed, ChangeAction.RETURN, order, NOW).overall().isInstant()).isTrue();
	}

	@Test
	void oneLineThatIsPackedStopsTheAddressChangeButShippedLinesDoNot() {
		ChangePolicy.OrderFacts packed = order(Channel.WEB_SHOP, false, "20.00", line(1, LineStatus.PLACED),
				line(2, LineStatus.PACKED));
		Verdict verdict = ChangePolicy.decide(DEFAULTS, ChangeAction.ADDRESS, packed, NOW).overall();
		assertThat(verdict.messageKey()).isEqualTo("policy.refused.address.stage");
		assertThat(verdict.arguments()).containsExactly(LineStatus.PACKED);

		ChangePolicy.OrderFacts partlyShipped = order(Channel.WEB_SHOP, false, "20.00", line(1, LineStatus.PLACED),
				line(2, LineStatus.SHIPPED));
		assertThat(ChangePolicy.decide(DEFAULTS, ChangeAction.ADDRESS, partlyShipped, NOW).overall().isInstant())
			.isTrue();
	}

	@Test
	void cancellingTheOrderIsOfferedWhileAnyLineCanBeCancelled() {
		ChangePolicy.OrderFacts order = order(Channel.WEB_SHOP, false, "20.00", line(1, LineStatus.SHIPPED),
				line(2, LineStatus.PICKING));
		ChangePolicy.Decision decision = ChangePolicy.decide(DEFAULTS, ChangeAction.CANCEL, order, NOW);
		assertThat(decision.overall().kind()).isEqualTo(Verdict.Kind.APPROVAL);
		assertThat(decision.lines().get(1).reason()).isEqualTo("cancel.shipped");
	}

	@Test
	void aTillSaleHasNothingToDeliver() {
		ChangePolicy.LineFacts line = line(1, LineStatus.PLACED);
		ChangePolicy.OrderFacts order = new ChangePolicy.OrderFacts(Channel.POINT_OF_SALE, false, NOW, BigDecimal.TEN,
				false, List.of(line));
		assertThat(ChangePolicy.decide(DEFAULTS, ChangeAction.ADDRESS, order, NOW).overall().reason())
			.isEqualTo("address.nothingToDeliver");
	}

	private static ChangePolicy.OrderFacts order(Channel channel, boolean company, String total,
			ChangePolicy.LineFacts... lines) {
		return new ChangePolicy.OrderFacts(channel, company, NOW.minus(Duration.ofHours(1)), new BigDecimal(total),
				true, List.of(lines));
	}

	private static ChangePolicy.LineFacts line(int number, LineStatus stage) {
		return new ChangePolicy.LineFacts(number, stage, stage, stage.hasShipped() ? 0 : 1,
				(stage == LineStatus.DELIVERED) ? 1 : 0,
				(stage == LineStatus.DELIVERED) ? NOW.minus(Duration.ofDays(3)) : null, Set.of());
	}

}
