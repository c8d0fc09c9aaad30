package io.concierge.intake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

	@Test
	void takesOtherSystemsColumnNamesAndStoresTheOrderInConciergesColumns() {
		String csv = "Order_Ref,order_date,currency,sku,description,qty,price,ship_name,ship_address1,ship_address2,"
				+ "ship_zip,ship_city,ship_country\n"
				+ "R-1,2026-11-20,EUR,MUG-01,Stoneware mug,2,12.50,Jana Keller,Am Sandtorkai 41,3. OG,20457,Hamburg,DE\n";

		CsvOrders.Batch batch = CsvOrders.read(csv.getBytes(StandardCharsets.UTF_8), null);

		assertThat(batch.problems()).isEmpty();
		CsvOrders.Order order = batch.orders().getFirst();
		assertThat(order.order().externalReference()).isEqualTo("R-1");
		assertThat(order.order().lines().getFirst().name()).isEqualTo("Stoneware mug");
		assertThat(order.order().lines().getFirst().quantity()).isEqualTo(2);
		assertThat(order.order().shipTo().lines()).isEqualTo("Am Sandtorkai 41\n3. OG");
		assertThat(order.order().shipTo().postalCode()).isEqualTo("20457");
		assertThat(batch.renamed()).containsEntry("Order_Ref", "order_reference")
			.containsEntry("ship_address1", "ship_lines")
			.containsEntry("ship_address2", "ship_lines")
			.doesNotContainKey("currency");
		assertThat(new String(order.csv(), StandardCharsets.UTF_8)).startsWith("order_reference,placed_at,currency,");
		assertThat(CsvOrders.one(order.csv(), null)).isEqualTo(order.order());
	}

	@Test
	void takesAChannelsOwnColumnNames() {
		String csv = "auftragsnummer,datum,currency,artikel,bezeichnung,menge,preis,customer_email\n"
				+ "A-1,2026-11-20,EUR,MUG-01,Becher,1,9.90,jana@example.com\n";
		List<String> problems = new ArrayList<>();
		CsvColumns.Mapping mapping = CsvColumns.Mapping.parse("""
				Auftragsnummer = order_reference
				datum=placed_at
				artikel = sku
				bezeichnung = name
				menge = quantity
				preis = unit_price
				""", problems);

		assertThat(problems).isEmpty();
		CsvOrders.Batch batch = CsvOrders.read(csv.getBytes(StandardCharsets.UTF_8), null, mapping);
		assertThat(batch.orders()).singleElement()
			.satisfies((order) -> assertThat(order.order().lines().getFirst().name()).isEqualTo("Becher"));
		assertThat(CsvColumns.Mapping.parse(mapping.text(), problems)).isEqualTo(mapping);
		assertThatThrownBy(() -> CsvOrders.read(csv.getBytes(StandardCharsets.UTF_8), null))
			.isInstanceOf(MalformedSubmission.class)
			.hasMessageContaining("columns not known: auftragsnummer, datum, artikel, bezeichnung, menge, preis");
	}

	@Test
	void explainsAMappingItCannotTake() {
		List<String> problems = new ArrayList<>();
		CsvColumns.Mapping.parse("colour = hue\nno equals sign\nref = order_reference\nREF = sku", problems);

		assertThat(problems).containsExactly("Column line 1: hue is not one of Concierge's columns.",
				"Column line 2 is not written as \"their column = our column\".", "Column line 4: ref is named twice.");
	}

	@Test
	void refusesTwoColumnsThatStandForTheSameOne() {
		String csv = "order_ref,order_id,placed_at,currency,sku,name,quantity,unit_price\n";
		assertThatThrownBy(() -> CsvOrders.read(csv.getBytes(StandardCharsets.UTF_8), null))
			.isInstanceOf(MalformedSubmission.class)
			.hasMessageContaining("order_ref and order_id both stand for order_reference");
	}

	@Test
	void refusesOnlyTheLineThatIsNotUtf8AndNamesItsByte() {
		byte[] csv = concat(
				"order_reference,placed_at,currency,sku,name,quantity,unit_price\n"
						+ "A-1,2026-11-20,EUR,MUG-01,Mug,1,9.90\nA-2,2026-11-20,EUR,MUG-01,Caf",
				new byte[] { (byte) 0xE9 }, " au lait,1,9.90\nA-3,2026-11-20,EUR,MUG-01,Mug,1,9.90\n");

		CsvOrders.Batch batch = CsvOrders.read(csv, null);

		assertThat(batch.orders()).extracting(CsvOrders.Order::reference).containsExactly("A-1", "A-3");
		assertThat(batch.problems()).singleElement().satisfies((problem) -> {
			assertThat(problem.line()).isEqualTo(3);
			assertThat(problem.message()).contains("not UTF-8").contains("0xE9").contains("byte 30 of the line");
		});
		assertThat(batch.leftOut()).contains("A-2,").doesNotContain("A-1,");
	}

	@Test
	void takesAnOrderWholeOrNotAtAll() {
		byte[] csv = concat(
				"order_reference,placed_at,currency,sku,name,quantity,unit_price\n"
						+ "A-1,2026-11-20,EUR,MUG-01,Mug,1,9.90\nA-1,2026-11-20,EUR,POT-07,Th",
				new byte[] { (byte) 0xE9 }, "iere,1,45.00\nA-2,2026-11-20,EUR,MUG-01,Mug,1,9.90\n");

		CsvOrders.Batch batch = CsvOrders.read(csv, null);

		assertThat(batch.orders()).extracting(CsvOrders.Order::reference).containsExactly("A-2");
		assertThat(batch.problems()).extracting(CsvOrders.Problem::line).containsExactly(2L, 3L);
		assertThat(batch.problems().getFirst().message()).contains("left out with the rest of order A-1");
		assertThat(batch.leftOut()).contains("MUG-01,Mug,1,9.90").doesNotContain("A-2");
	}

	@Test
	void refusesAFileWhoseFirstRowIsNotUtf8NamingIt() {
		byte[] csv = concat("order_reference,placed_at,currency,sku,na", new byte[] { (byte) 0xFF },
				"me,quantity,unit_price\n");
		assertThatThrownBy(() -> CsvOrders.read(csv, null)).isInstanceOf(MalformedSubmission.class)
			.hasMessageContaining("line 1")
			.hasMessageContaining("0xFF");
	}

	@Test
	void refusesTheRowOfAFieldPostgresqlCannotStore() {
		String csv = "order_reference,placed_at,currency,sku,name,quantity,unit_price\n"
				+ "A-1,2026-11-20,EUR,MUG-01,Mu\u0000g,1,9.90\nA-2,2026-11-20,EUR,MUG-01,Mug,1,9.90\n";

		CsvOrders.Batch batch = CsvOrders.read(csv.getBytes(StandardCharsets.UTF_8), null);

		assertThat(batch.orders()).extracting(CsvOrders.Order::reference).containsExactly("A-2");
		assertThat(batch.problems()).singleElement().satisfies((problem) -> {
			assertThat(problem.line()).isEqualTo(2);
			assertThat(problem.column()).isEqualTo("name");
			assertThat(problem.message()).contains("NUL");
		});
	}

	@Test
	void keepsNotesExactlyAsWritten() {
		String csv = "order_reference,placed_at,currency,sku,name,quantity,unit_price,notes\n"
				+ "A-1,2026-11-20,EUR,MUG-01,Mug,1,9.90,\"  Ring twice,\nthen leave it next door \"\n";

		assertThat(CsvOrders.read(csv.getBytes(StandardCharsets.UTF_8), null).orders().getFirst().order().notes())
			.isEqualTo("  Ring twice,\nthen leave it next door ");
	}

	private static byte[] concat(String before, byte[] bad, String after) {
		byte[] head = before.getBytes(StandardCharsets.UTF_8);
		byte[] tail = after.getBytes(StandardCharsets.UTF_8);
		byte[] all = new byte[head.length + bad.length + tail.length];
		System.arraycopy(head, 0, all, 0, head.length);
		System.arraycopy(bad, 0, all, head.length, bad.length);
		System.arraycopy(tail, 0, all, head.length + bad.length, tail.length);
		return all;
	}

}
