package io.concierge.support;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The new text of a reply, told apart from what it quotes, in English and German.
 * <p>
 * Everything from the first of these lines onwards is history or signature: an
 * attribution ("On 3 Mar 2026, at 10:15, Jana wrote:", "Am 03.03.2026 um 10:15 schrieb
 * Jana:", also wrapped over two lines), "-----Original Message-----" or
 * "-----Ursprüngliche Nachricht-----", an Outlook header block ("From:"/"Von:" followed
 * within three lines by "Sent:"/"Gesendet:"/"Date:"/"Datum:"), and the signature
 * delimiter {@code -- }. Lines quoted with {@code >} are dropped wherever they are, so
 * answers written between quotes stay. Then the "Sent from my iPhone" kind of line and
 * Outlook's underscore separator are dropped from the end, and blank lines from both
 * ends.
 */
final class Replies {

	private static final int LONGEST_HEADER_LINE = 300;

	private static final Pattern ATTRIBUTION = Pattern
		.compile("\\s*(On\\s.*\\d.*\\swrote|Am\\s.*\\d.*\\sschrieb\\s.+):\\s*");

	private static final Pattern ATTRIBUTION_START = Pattern.compile("\\s*(On|Am)\\s.*");

	private static final Pattern ORIGINAL_MESSAGE = Pattern.compile(
			"\\s*-{2,}\\s*(original message|ursprüngliche nachricht)\\s*-{2,}\\s*",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	private static final Pattern OUTLOOK_FROM = Pattern.compile("\\s*\\*?(From|Von):\\*?\\s");

	private static final Pattern OUTLOOK_SENT = Pattern.compile("\\s*\\*?(Sent|Gesendet|Date|Datum):\\*?\\s");

	private static final Pattern MOBILE_FOOTER = Pattern.compile(
			"\\s*(sent from my .{1,40}|sent from (outlook|mail for windows|yahoo mail).{0,30}|sent with proton mail"
					+ "|get outlook for .{1,30}|gesendet von meinem .{1,40}|von meinem .{1,40} gesendet"
					+ "|gesendet von (outlook|mail für windows).{0,30})\\s*",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	private static final Pattern SEPARATOR = Pattern.compile("\\s*_{5,}\\s*");

	private Replies() {
	}

	/**
	 * The new text of the body, or the whole body (stripped) when nothing would be left.
	 */
	static String newText(String body) {
		List<String> lines = List.of(body.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
		List<String> kept = new ArrayList<>();
		for (String line : lines.subList(0, historyStart(lines))) {
			if (!line.stripLeading().startsWith(">")) {
				kept.add(line);
			}
		}
		while (!kept.isEmpty() && droppedAtEnd(kept.getLast())) {
			kept.removeLast();
		}
		while (!kept.isEmpty() && kept.getFirst().isBlank()) {
			kept.removeFirst();
		}
		String reply = String.join("\n", kept).stripTrailing();
		return reply.isEmpty() ? body.strip() : reply;
	}

	private static int historyStart(List<String> lines) {
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.equals("-- ") || line.equals("--")) {
				return i;
			}
			if (line.length() > LONGEST_HEADER_LINE) {
				continue;
			}
			if (ORIGINAL_MESSAGE.matcher(line).matches() || attribution(lines, i) || outlookHeader(lines, i)) {
				return i;
			}
		}
		return lines.size();
	}

	private static boolean attribution(List<String> lines, int i) {
		String line = lines.get(i);
		if (ATTRIBUTION.matcher(line).matches()) {
			return true;
		}
		if (i + 1 >= lines.size() || !ATTRIBUTION_START.matcher(line).matches()) {
			return false;
		}
		String next = lines.get(i + 1);
		return !next.isBlank() && next.length() <= LONGEST_HEADER_LINE
				&& ATTRIBUTION.matcher(line + " " + next).matches();
	}

	private static boolean outlookHeader(List<String> lines, int i) {
		if (!OUTLOOK_FROM.matcher(lines.get(i)).lookingAt()) {
			return false;
		}
		for (int next = i + 1; next < Math.min(lines.size(), i + 4); next++) {
			if (OUTLOOK_SENT.matcher(lines.get(next)).lookingAt()) {
				return true;
			}
		}
		return false;
	}

	private static boolean droppedAtEnd(String line) {
		return line.isBlank() || (line.length() <= 100
				&& (MOBILE_FOOTER.matcher(line).matches() || SEPARATOR.matcher(line).matches()));
	}

}
