package io.concierge.partners;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads an X12 856 advance ship notice in the sender's own delimiters (the element
 * separator is the ISA's fourth character, the segment terminator its 106th): the
 * shipment number from {@code BSN02}, the purchase order from {@code PRF01}, and each
 * item's units from {@code SN1-02} for the line named in {@code LIN01} (or, failing a
 * number there, by the SKU after a {@code VP}, {@code SK} or {@code IN} qualifier).
 */
final class PurchaseOrderShipNotices {

	private PurchaseOrderShipNotices() {
	}

	/**
	 * @param units by line number ({@code "1"}) or by SKU
	 */
	record ShipNotice(String purchaseOrder, String shipment, Map<String, Integer> units) {

	}

	static final class NotX12 extends Exception {

		NotX12(String why) {
			super(why, null, false, false);
		}

	}

	static ShipNotice read(byte[] bytes) throws NotX12 {
		String text = new String(bytes, StandardCharsets.UTF_8).strip();
		if (text.indexOf('\0') >= 0) {
			// no X12 holds one, and PostgreSQL stores none
			throw new NotX12("NUL");
		}
		if (!text.startsWith("ISA") || text.length() < 106) {
			throw new NotX12("no ISA header");
		}
		char element = text.charAt(3);
		char terminator = text.charAt(105);
		String shipment = null;
		String order = null;
		Map<String, Integer> units = new LinkedHashMap<>();
		String item = null;
		List<String> kinds = new ArrayList<>();
		for (String raw : text.split(java.util.regex.Pattern.quote(String.valueOf(terminator)))) {
			String[] elements = raw.strip().split(java.util.regex.Pattern.quote(String.valueOf(element)), -1);
			kinds.add(elements[0]);
			switch (elements[0]) {
				case "BSN" -> shipment = at(elements, 2);
				case "PRF" -> order = at(elements, 1);
				case "LIN" -> item = item(elements);
				case "SN1" -> {
					String quantity = at(elements, 2);
					if (item == null || quantity == null || !quantity.matches("[0-9]{1,9}(\\.0+)?")) {
						throw new NotX12("SN1 without a LIN or a whole quantity");
					}
					int shipped = units.merge(item, Integer.parseInt(quantity.replaceAll("\\.0+$", "")),
							(earlier, more) -> (int) Math.min(earlier + (long) more, Integer.MAX_VALUE));
					if (shipped > VendorStock.MOST) {
						throw new NotX12("SN1 quantities of one item that add up to more than " + VendorStock.MOST);
					}
					item = null;
				}
				default -> {
				}
			}
		}
		if (!kinds.contains("ST") || shipment == null || order == null || units.isEmpty()) {
			throw new NotX12("not an 856 with BSN, PRF, LIN and SN1");
		}
		return new ShipNotice(order, shipment, units);
	}

	private static @Nullable String item(String[] elements) {
		String line = at(elements, 1);
		if (line != null && line.matches("[0-9]{1,4}")) {
			return String.valueOf(Integer.parseInt(line));
		}
		for (int i = 2; i + 1 < elements.length; i++) {
			if (List.of("VP", "SK", "IN", "BP").contains(elements[i]) && !elements[i + 1].isBlank()) {
				return elements[i + 1].strip();
			}
		}
		return null;
	}

	private static @Nullable String at(String[] elements, int index) {
		return (index < elements.length && !elements[index].isBlank()) ? elements[index].strip() : null;
	}

}
