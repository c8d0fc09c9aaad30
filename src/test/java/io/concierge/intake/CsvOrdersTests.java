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
	}

}
