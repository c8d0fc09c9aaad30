package io.concierge.support;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * HTML made into plain text, crudely but safely, for mails that come without a plain text
 * part: tags dropped, the content of scripts, styles and the head dropped, blocks and
 * {@code <br>
 * } made line breaks, blockquotes marked {@code >} like quoted plain text, and the basic
 * entities decoded. It reads in one pass without regular expressions, so no input can
 * make it slow, and stops once it has written {@code limit} characters.
 */
final class HtmlText {

	private static final Set<String> SKIPPED = Set.of("script", "style", "head", "title", "template", "noscript");

	private static final Set<String> BLOCKS = Set.of("address", "article", "aside", "blockquote", "dd", "div", "dl",
			"dt", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre",
			"section", "table", "tr", "ul");

	private static final Map<String, Character> ENTITIES = Map.ofEntries(Map.entry("amp", '&'), Map.entry("lt", '<'),
			Map.entry("gt", '>'), Map.entry("quot", '"'), Map.entry("apos", '\''), Map.entry("nbsp", ' '),
			Map.entry("auml", 'ä'), Map.entry("ouml", 'ö'), Map.entry("uuml", 'ü'), Map.entry("Auml", 'Ä'),
			Map.entry("Ouml", 'Ö'), Map.entry("Uuml", 'Ü'), Map.entry("szlig", 'ß'), Map.entry("euro", '€'),
			Map.entry("ndash", '–'), Map.entry("mdash", '—'), Map.entry("hellip", '…'), Map.entry("bdquo", '„'),
			Map.entry("ldquo", '“'), Map.entry("rdquo", '”'), Map.entry("lsquo", '‘'), Map.entry("rsquo", '’'),
			Map.entry("laquo", '«'), Map.entry("raquo", '»'), Map.entry("copy", '©'), Map.entry("shy", '\u00ad'));

	private final String html;

	private final int limit;

	private final StringBuilder text = new StringBuilder();

	private int quoteDepth;

	private boolean space;

	private HtmlText(String html, int limit) {
		this.html = html;
		this.limit = limit;
	}

	static String of(String html, int limit) {
		return new HtmlText(html, limit).read();
	}

	private String read() {
		int i = 0;
		while (i < this.html.length() && this.text.length() < this.limit) {
			char c = this.html.charAt(i);
			if (c == '<') {
				i = tag(i);
			}
			else if (c == '&') {
				i = entity(i);
			}
			else {
				if (Character.isWhitespace(c)) {
					this.space = true;
				}
				else {
					append(c);
				}
				i++;
			}
		}
		return this.text.toString().strip();
	}

	/**
	 * Reads the tag (or comment) at {@code start}, returns where the text after it
	 * begins.
	 */
	private int tag(int start) {
		if (this.html.startsWith("<!--", start)) {
			int end = this.html.indexOf("-->", start + 4);
			return (end < 0) ? this.html.length() : end + 3;
		}
		int nameStart = start + 1;
		boolean closing = nameStart < this.html.length() && this.html.charAt(nameStart) == '/';
		if (closing) {
			nameStart++;
		}
		int nameEnd = nameStart;
		while (nameEnd < this.html.length() && Character.isLetterOrDigit(this.html.charAt(nameEnd))) {
			nameEnd++;
		}
		if (nameEnd == nameStart && !closing && nameStart < this.html.length() && this.html.charAt(nameStart) != '!'
				&& this.html.charAt(nameStart) != '?') {
			append('<');
			return start + 1;
		}
		// A tag that never ends drops the rest, so no character is scanned twice
		int end = tagEnd(nameEnd - 1);
		String name = this.html.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT);
		if (!closing && SKIPPED.contains(name)) {
			return skipTo(name, end);
		}
		if (name.equals("br")) {
			lineBreak(0);
		}
		else if (name.equals("blockquote")) {
			lineBreak(0);
			this.quoteDepth = Math.max(0, this.quoteDepth + (closing ? -1 : 1));
		}
		else if (name.equals("p") || name.matches("h[1-6]")) {
			lineBreak(1);
		}
		else if (BLOCKS.contains(name)) {
			lineBreak(0);
		}
		else if (name.equals("td") || name.equals("th")) {
			this.space = true;
		}
		return end;
	}

	/**
	 * Where the tag at {@code start} ends: after its {@code >}, quoted attribute values
	 * taken into account.
	 */
	private int tagEnd(int start) {
		char quote = 0;
		for (int i = start + 1; i < this.html.length(); i++) {
			char c = this.html.charAt(i);
			if (quote != 0) {
				if (c == quote) {
					quote = 0;
				}
			}
			else if (c == '"' || c == '\'') {
				quote = c;
			}
			else if (c == '>') {
				return i + 1;
			}
		}
		return this.html.length();
	}

	private int skipTo(String name, int from) {
		int i = this.html.indexOf('<', from);
		while (i >= 0) {
			if (this.html.regionMatches(true, i, "</" + name, 0, name.length() + 2)) {
				return tagEnd(i);
			}
			i = this.html.indexOf('<', i + 1);
		}
		return this.html.length();
	}

	private int entity(int start) {
		int semicolon = start + 1;
		while (semicolon < Math.min(this.html.length(), start + 12) && this.html.charAt(semicolon) != ';') {
			semicolon++;
		}
		if (semicolon >= this.html.length() || this.html.charAt(semicolon) != ';') {
			append('&');
			return start + 1;
		}
		String name = this.html.substring(start + 1, semicolon);
		int codePoint = codePoint(name);
		if (codePoint < 0) {
			append('&');
			return start + 1;
		}
		if (codePoint == ' ' || codePoint == '\u00a0') {
			this.space = true;
		}
		else {
			for (char c : Character.toChars(codePoint)) {
				append(c);
			}
		}
		return semicolon + 1;
	}

	private static int codePoint(String name) {
		if (ENTITIES.containsKey(name)) {
			return ENTITIES.get(name);
		}
		if (!name.startsWith("#") || name.length() < 2) {
			return -1;
		}
		try {
			boolean hex = name.charAt(1) == 'x' || name.charAt(1) == 'X';
			int codePoint = Integer.parseInt(name.substring(hex ? 2 : 1), hex ? 16 : 10);
			boolean valid = codePoint > 0 && codePoint <= Character.MAX_CODE_POINT
					&& !(codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE);
			return valid ? codePoint : '\uFFFD';
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private void append(char c) {
		if (atLineStart()) {
			if (this.quoteDepth > 0) {
				this.text.append(">".repeat(this.quoteDepth)).append(' ');
			}
		}
		else if (this.space) {
			this.text.append(' ');
		}
		this.space = false;
		this.text.append(c);
	}

	/**
	 * Ends the line, with at most {@code blankLines} empty lines after it.
	 */
	private void lineBreak(int blankLines) {
		this.space = false;
		if (this.text.isEmpty()) {
			return;
		}
		int newlines = 0;
		while (newlines < this.text.length() && this.text.charAt(this.text.length() - 1 - newlines) == '\n') {
			newlines++;
		}
		for (int i = newlines; i <= blankLines; i++) {
			this.text.append('\n');
		}
	}

	private boolean atLineStart() {
		return this.text.isEmpty() || this.text.charAt(this.text.length() - 1) == '\n';
	}

}
