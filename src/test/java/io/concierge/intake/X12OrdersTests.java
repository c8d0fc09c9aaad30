package io.concierge.intake;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.concierge.intake.X12Orders.Interchange;
import io.concierge.intake.X12Orders.Transaction;
import io.concierge.orders.NewOrder;
import io.concierge.shared.Money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * X12 850 purchase orders: read with the delimiters the ISA declares, envelopes counted,
 * and answered with a 997 and an 855 in the partner's own delimiters.
 */
class X12OrdersTests {

	private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 22, 9, 30, 0, 0, ZoneOffset.UTC);

	@Test
	void readsEachPurchaseOrderOfAnInterchangeWithItsLinesAllowancesChargesAndTaxes() {
		Interchange interchange = read(X12Samples.purchaseOrders("NW", 905));

		assertThat(interchange.accepted()).isTrue();
		assertThat(interchange.delimiters().element()).isEqualTo('|');
		List<Transaction> transactions = interchange.groups().getFirst().transactions();
		assertThat(transactions).allMatch(Transaction::accepted);

		NewOrder first = transactions.getFirst().order();
		assertThat(first.externalReference()).isEqualTo("NW-1");
		assertThat(first.purchaseOrder()).isEqualTo("NW-1");
		assertThat(first.customerEmail().value()).isEqualTo("jana.keller@nordwind.example");
		assertThat(first.lines()).extracting(NewOrder.NewLine::sku).containsExactly("MUG-01", "POT-07");
		assertThat(first.lines().get(1).name()).isEqualTo("Teapot „Kyoto“");
		assertThat(first.lines().getFirst().discount()).isEqualTo(Money.of("12.50", "EUR"));
		assertThat(first.totals().subtotal()).isEqualTo(Money.of("170.00", "EUR"));
		assertThat(first.totals().shipping()).isEqualTo(Money.of("4.95", "EUR"));
		assertThat(first.totals().taxes()).isEqualTo(Money.of("28.79", "EUR"));
		assertThat(first.totals().grandTotal()).isEqualTo(Money.of("191.24", "EUR"));
		assertThat(first.shipTo().name()).isEqualTo("Nordwind Trading – Lager Süd");
		assertThat(first.shipTo().lineList()).containsExactly("Am Sandtorkai 41", "3. OG");
		assertThat(first.shipTo().country()).isEqualTo("DE");
		assertThat(first.notes()).isEqualTo("Requested delivery: 2026-11-28");

		NewOrder second = transactions.get(1).order();
		assertThat(second.lines().getFirst().name()).isEqualTo("煎茶 Sencha");
		assertThat(second.totals().grandTotal()).isEqualTo(Money.of("3600", "JPY"));
		assertThat(second.shipTo()).isNull();
	}

	@Test
	void takesTheDelimitersFromTheIsaSegment() {
		String asterisks = X12Samples.purchaseOrders("NW", 906).replace('|', '*').replace("~\n", "'");
		Interchange interchange = read(asterisks);

		assertThat(interchange.delimiters().element()).isEqualTo('*');
		assertThat(interchange.delimiters().segment()).isEqualTo('\'');
		assertThat(interchange.groups().getFirst().transactions()).allMatch(Transaction::accepted);
		String acknowledgement = X12Acknowledgements.functional(interchange, 7, NOW);
		assertThat(acknowledgement).startsWith("ISA*00*").contains("'\nAK9*A*2*2*2'");
	}

	@Test
	void aPurchaseOrderWhoseSegmentCountIsWrongIsRejectedAndTheOthersAreTaken() {
		Interchange interchange = read(X12Samples.purchaseOrders("NW", 907).replace("SE|17|0001", "SE|16|0001"));

		List<Transaction> transactions = interchange.groups().getFirst().transactions();
		assertThat(transactions.getFirst().accepted()).isFalse();
		assertThat(transactions.getFirst().problems().getFirst().message()).contains("SE01");
		assertThat(transactions.get(1).accepted()).isTrue();
		String acknowledgement = X12Acknowledgements.functional(interchange, 8, NOW);
		assertThat(acknowledgement).contains("AK2|850|0001~\nAK5|R|4~")
			.contains("AK2|850|0002~\nAK5|A~")
			.contains("AK9|P|2|2|1~");
	}

	@Test
	void aGroupOrInterchangeWhoseCountsAreWrongTakesNothing() {
		Interchange group = read(X12Samples.purchaseOrders("NW", 908).replace("GE|2|908", "GE|3|908"));
		assertThat(group.groups().getFirst().problems()).extracting(X12Orders.Problem::code).containsExactly("5");
		assertThat(X12Acknowledgements.functional(group, 9, NOW)).contains("AK5|R|5~").contains("AK9|R|2|2|0|5~");

		Interchange interchange = read(
				X12Samples.purchaseOrders("NW", 909).replace("IEA|1|000000909", "IEA|1|000000901"));
		assertThat(interchange.accepted()).isFalse();
		assertThat(interchange.problems().getFirst().message()).contains("IEA02");
	}

	@Test
	void namesTheSegmentAndElementOfAnOrderThatCannotBeRead() {
		Interchange interchange = read(
				X12Samples.purchaseOrders("NW", 910).replace("PO1|2|1|EA|45.00", "PO1|2|one|EA|45.00"));

		Transaction first = interchange.groups().getFirst().transactions().getFirst();
		assertThat(first.accepted()).isFalse();
		X12Orders.Problem problem = first.problems().getFirst();
		assertThat(problem.asRow().column()).isEqualTo("PO102");
		assertThat(problem.position()).isEqualTo(15);
		assertThat(problem.message()).contains("whole number");
		assertThat(X12Acknowledgements.functional(interchange, 10, NOW)).contains("AK3|PO1|15||8~\nAK4|2||6~");
	}

	@Test
	void aPurchaseOrderStoredAloneReadsAsItWasAndIsAcknowledgedWithAn855() {
		Interchange interchange = read(X12Samples.purchaseOrders("NW", 911));
		X12Orders.Group group = interchange.groups().getFirst();
		byte[] alone = X12Orders.alone(interchange, group, group.transactions().get(1));

		NewOrder order = X12Orders.one(alone, null);
		assertThat(order.externalReference()).isEqualTo("NW-2");
		Interchange stored = X12Orders.read(alone, null);
		String acknowledgement = X12Acknowledgements.purchaseOrder(stored,
				stored.groups().getFirst().transactions().getFirst(), "R-2026-000042", 12, NOW);
		assertThat(acknowledgement).startsWith(
				"ISA|00|          |00|          |ZZ|CONCIERGE      |ZZ|NORDWIND       |261122|0930|^|00501|000000012|0|T|>~")
			.contains("GS|PR|CONCIERGE|NORDWIND|20261122|0930|12|X|005010~")
			.contains("BAK|00|AC|NW-2|20261121||||R-2026-000042|20261122~")
			.contains("PO1|1|3|EA|1200||SK|TEA-SENCHA~\nACK|IA|3|EA~\nCTT|1~\nSE|6|0001~");
		assertThat(read(acknowledgement).problems()).isEmpty();
	}

	@Test
	void somethingThatIsNotAnInterchangeIsMalformed() {
		assertThatExceptionOfType(MalformedSubmission.class).isThrownBy(() -> read("{\"order\": 1}"))
			.withMessageContaining("not an X12 interchange");
		assertThatExceptionOfType(MalformedSubmission.class).isThrownBy(() -> read(""))
			.withMessageContaining("not an X12 interchange");
	}

	private static Interchange read(String x12) {
		return X12Orders.read(x12.getBytes(StandardCharsets.UTF_8), null);
	}

}
