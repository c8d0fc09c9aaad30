package io.concierge.intake;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading CSV batches, and reading again the one-order CSV each order is stored as.
 */
class CsvOrdersTests {

	@Test
	void anOrderStoredFromABatchReadsAsTheSameOrder() {
		CsvOrders.Batch batch = CsvOrders.read(CsvSamples.batch("PO-1").getBytes(StandardCharsets.UTF_8), null);

		assertThat(batch.orders()).hasSize(1);
		assertThat(batch.problems()).extracting(CsvOrders.Problem::line).containsExactly(5L);
		CsvOrders.Order order = batch.orders().getFirst();
		assertThat(CsvOrders.one(order.csv(), null)).isEqualTo(order.order());
		assertThat(batch.leftOut()).as("the header and the row left out, to correct")
			.startsWith("order_reference,placed_at,")
			.contains("PO-1-2,2026-11-21T09:30:00+01:00,EUR,buyer@example.com,MUG-01,Mug,two,")
			.doesNotContain("POT-07");
	}

}
