package io.concierge.intake;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.concierge.orders.NewOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever bytes a channel sends, reading them gives an order that holds
 * {@link OrderInvariants} or a {@link MalformedSubmission} naming what is wrong: never
 * another exception, which would be a 500, and never an order the database then refuses.
 * A batch's orders are stored one by one and read again when they are converted, so each
 * must read again as the same order. Runs the committed inputs (in the resources beside
 * this class) as regression tests; {@code JAZZER_FUZZ=1 ./mvnw test
 * -Dtest='ParserFuzzTests#csvBatches'} fuzzes one of them for real and adds what it
 * finds.
 */
class ParserFuzzTests {

	private static final ZonedDateTime NOW = ZonedDateTime.parse("2026-11-22T09:30:00Z");

	private static final UUID COMPANY = UUID.fromString("6f1c2a9e-8d0b-4f7e-9a51-2c3d4e5f6a7b");

	@FuzzTest(maxDuration = "30s")
	void shopifyOrders(byte[] body) {
		try {
			OrderInvariants.hold(Format.SHOPIFY.read(body, null));
		}
		catch (MalformedSubmission expected) {
			// the refusal every bad body must get
		}
	}

	@FuzzTest(maxDuration = "30s")
	void csvBatches(byte[] body) {
		batch(body, CsvColumns.Mapping.NONE);
	}

	/**
	 * A channel's own column names as an administrator writes them, up to the first empty
	 * line, and a file read with them after it.
	 */
	@FuzzTest(maxDuration = "30s")
	void csvColumnMappings(byte[] input) {
		int blank = -1;
		for (int i = 0; i + 1 < input.length && blank < 0; i++) {
			blank = (input[i] == '\n' && input[i + 1] == '\n') ? i : -1;
		}
		String written = new String(input, 0, (blank >= 0) ? blank : input.length, StandardCharsets.UTF_8);
		List<String> problems = new ArrayList<>();
		CsvColumns.Mapping mapping = CsvColumns.Mapping.parse(written, problems);
		List<String> again = new ArrayList<>();
		assertThat(CsvColumns.Mapping.parse(mapping.text(), again)).as("the mapping as it is shown, read again")
			.isEqualTo(mapping);
		assertThat(again).isEmpty();
		OrderInvariants.storable(mapping.text());
		problems.forEach(OrderInvariants::storable);
		if (blank >= 0) {
			batch(Arrays.copyOfRange(input, blank + 2, input.length), mapping);
		}
	}

	private static void batch(byte[] body, CsvColumns.Mapping mapping) {
		CsvOrders.Batch batch;
		try {
			batch = CsvOrders.read(body, COMPANY, mapping);
		}
		catch (MalformedSubmission expected) {
			// the refusal every unreadable file must get; bad rows are in the batch
			return;
		}
		for (CsvOrders.Order order : batch.orders()) {
			OrderInvariants.hold(order.order());
			assertThat(Format.CSV.read(order.csv(), COMPANY)).as("the order read again as it is stored")
				.isEqualTo(order.order());
		}
		// the rows left out go back to the sender as they were written, to be corrected
		batch.problems().forEach((problem) -> OrderInvariants.storable(problem.message()));
	}

	@FuzzTest(maxDuration = "30s")
	void x12Interchanges(byte[] body) {
		X12Orders.Interchange interchange;
		try {
			interchange = X12Orders.read(body, COMPANY);
		}
		catch (MalformedSubmission expected) {
			// the refusal every unreadable interchange must get; bad orders are in it
			return;
		}
		OrderInvariants.storable(X12Acknowledgements.functional(interchange, 1, NOW));
		OrderInvariants.storable(interchange.controlNumber());
		for (X12Orders.Group group : interchange.groups()) {
			for (X12Orders.Transaction transaction : group.transactions()) {
				if (transaction.accepted() && group.problems().isEmpty() && interchange.accepted()) {
					NewOrder order = transaction.order();
					OrderInvariants.hold(order);
					byte[] alone = X12Orders.alone(interchange, group, transaction);
					assertThat(Format.X12.read(alone, COMPANY)).as("the order read again as it is stored")
						.isEqualTo(order);
					X12Orders.Interchange stored = X12Orders.read(alone, COMPANY);
					OrderInvariants.storable(X12Acknowledgements.purchaseOrder(stored,
							stored.groups().getFirst().transactions().getFirst(), "100042", 2, NOW));
					OrderInvariants.storable(transaction.purchaseOrder());
				}
			}
		}
	}

	@FuzzTest(maxDuration = "30s")
	void amazonOrders(byte[] body) {
		try {
			OrderInvariants.hold(Format.AMAZON.read(body, null));
		}
		catch (MalformedSubmission expected) {
			// the refusal every bad order must get
		}
	}

	@FuzzTest(maxDuration = "30s")
	void pointOfSaleSales(byte[] body) {
		try {
			OrderInvariants.hold(Format.POINT_OF_SALE.read(body, COMPANY));
		}
		catch (MalformedSubmission expected) {
			// the refusal every bad body must get
		}
	}

}
