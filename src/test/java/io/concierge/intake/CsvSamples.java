package io.concierge.intake;

/**
 * CSV batches for tests.
 */
public final class CsvSamples {

	private CsvSamples() {
	}

	/**
	 * A byte order mark, CRLF, a quoted comma, doubled quotes, a line break inside a
	 * field, a formula-like value, two rows for one order and a bad row for another.
	 */
	public static String batch(String prefix) {
		return "\uFEFForder_reference,placed_at,currency,customer_email,sku,name,quantity,unit_price,discount,tax,"
				+ "shipping,notes,ship_name,ship_lines,ship_city,ship_country\r\n" + prefix
				+ "-1,2026-11-20,EUR,buyer@example.com,MUG-01,\"Mug, stoneware\",2,12.50,1.00,4.56,4.95,"
				+ "=SUM(A1:A2),Nordwind Trading,\"Am Sandtorkai 41\r\n3. OG\",Hamburg,DE\r\n" + prefix
				+ "-1,2026-11-20,EUR,buyer@example.com,POT-07,\"Teapot \"\"Kyoto\"\"\",1,45.00,,8.55,,,,,,\r\n" + prefix
				+ "-2,2026-11-21T09:30:00+01:00,EUR,buyer@example.com,MUG-01,Mug,two,12.50,,,,,,,,\r\n";
	}

}
