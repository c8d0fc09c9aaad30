package io.concierge.partners;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a purchase order file as RFC 4180 CSV the way spreadsheets write it (UTF-8 with
 * or without BOM, CRLF or LF, quoted fields with doubled quotes and line breaks).
 * Anything else (not UTF-8 text, a NUL byte, a quote left open) is not CSV.
 */
final class PurchaseOrderCsv {

	private PurchaseOrderCsv() {
	}

	/**
	 * A record of the file and the line it starts on (the header is line 1).
	 */
	record Row(int line, List<String> fields) {

	}

	static final class NotCsv extends Exception {

		NotCsv(String why) {
			super(why, null, false, false);
		}

	}

	static List<Row> read(byte[] bytes) throws NotCsv {
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new NotCsv("not UTF-8");
		}
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		if (text.indexOf('\0') >= 0) {
			throw new NotCsv("NUL");
		}
		List<Row> rows = new ArrayList<>();
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		boolean wasQuoted = false;
		int line = 1;
		int start = 1;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '"') {
					if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
						field.append('"');
						i++;
					}
					else {
						quoted = false;
					}
				}
				else {
					if (c == '\n') {
						line++;
					}
					field.append(c);
				}
			}
			else if (c == '"') {
				if (field.length() > 0 || wasQuoted) {
					throw new NotCsv("quote inside a field on line " + line);
				}
				quoted = true;
				wasQuoted = true;
			}
			else if (c == ',') {
				fields.add(field.toString());
				field.setLength(0);
				wasQuoted = false;
			}
			else if (c == '\r' || c == '\n') {
				if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
					i++;
				}
				fields.add(field.toString());
				field.setLength(0);
				wasQuoted = false;
				if (!(fields.size() == 1 && fields.getFirst().isEmpty())) {
					rows.add(new Row(start, List.copyOf(fields)));
				}
				fields.clear();
				line++;
				start = line;
			}
			else {
				if (wasQuoted) {
					throw new NotCsv("text after a quoted field on line " + line);
				}
				field.append(c);
			}
		}
		if (quoted) {
			throw new NotCsv("a quote left open");
		}
		if (field.length() > 0 || !fields.isEmpty() || wasQuoted) {
			fields.add(field.toString());
			rows.add(new Row(start, List.copyOf(fields)));
		}
		return rows;
	}

}
