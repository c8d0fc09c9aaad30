package io.concierge.intake;

/**
 * X12 850 interchanges for tests, written as trading partners send them.
 */
public final class X12Samples {

	private X12Samples() {
	}

	/**
	 * One interchange of two purchase orders, with {@code |} between elements and
	 * {@code ~} after segments: the first with two lines, a line allowance, a freight
	 * charge, a tax, a ship-to address with a German name and the buyer's email; the
	 * second in yen, for a guest without an address.
	 * @param control the interchange control number, nine digits at most
	 */
	public static String purchaseOrders(String prefix, int control) {
		String isa = "%09d".formatted(control);
		return "ISA|00|          |00|          |ZZ|NORDWIND       |ZZ|CONCIERGE      |261120|1015|^|00501|" + isa
				+ "|0|T|>~\n" + "GS|PO|NORDWIND|CONCIERGE|20261120|1015|" + control + "|X|005010~\n"
				// the first order: 17 segments from ST to SE
				+ "ST|850|0001~\n" + "BEG|00|SA|" + prefix + "-1||20261120~\n" + "CUR|BY|EUR~\n"
				+ "PER|BD|Jana Keller|EM|jana.keller@nordwind.example~\n" + "DTM|002|20261128~\n" + "TXI|ST|28.79~\n"
				+ "N1|ST|Nordwind Trading – Lager Süd|92|HH-01~\n" + "N3|Am Sandtorkai 41|3. OG~\n"
				+ "N4|Hamburg||20457|DE~\n" + "PO1|1|10|EA|12.50||VP|MUG-01|BP|NW-4711~\n"
				+ "PID|F||||Stoneware mug, 350 ml~\n" + "SAC|A|C310|||1250~\n" + "PO1|2|1|EA|45.00||VP|POT-07~\n"
				+ "PID|F||||Teapot „Kyoto“~\n" + "SAC|C|D240|||495~\n" + "CTT|2~\n" + "SE|17|0001~\n"
				// the second order: 8 segments
				+ "ST|850|0002~\n" + "BEG|00|SA|" + prefix + "-2||20261121~\n" + "CUR|BY|JPY~\n"
				+ "PER|BD|Aiko Tanaka|EM|aiko.tanaka@example.jp~\n" + "PO1|1|3|EA|1200||SK|TEA-SENCHA~\n"
				+ "PID|F||||煎茶 Sencha~\n" + "CTT|1~\n" + "SE|8|0002~\n" + "GE|2|" + control + "~\n" + "IEA|1|" + isa
				+ "~\n";
	}

}
