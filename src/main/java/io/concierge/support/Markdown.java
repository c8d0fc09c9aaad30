package io.concierge.support;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * Articles' Markdown as HTML that is safe to show: HTML written into the Markdown is
 * shown as text, never as markup, and links and images keep only commonmark's safe
 * schemes (http, https, mailto, data; {@code javascript:} and the like are dropped).
 */
public final class Markdown {

	private static final Parser PARSER = Parser.builder().build();

	private static final HtmlRenderer HTML = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

	private static final TextContentRenderer TEXT = TextContentRenderer.builder().build();

	private Markdown() {
	}

	public static String html(String markdown) {
		return HTML.render(PARSER.parse(markdown));
	}

	static String text(String markdown) {
		return TEXT.render(PARSER.parse(markdown));
	}

}
