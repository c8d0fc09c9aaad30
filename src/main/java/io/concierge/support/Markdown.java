package io.concierge.support;

import java.util.List;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * Articles' Markdown as HTML that is safe to show: HTML written into the Markdown is
 * shown as text, never as markup, and links and images keep only http, https and mailto
 * (and relative addresses): commonmark's own list also lets {@code data:} through, which
 * can carry an HTML page or an SVG with script, so the list is ours.
 */
public final class Markdown {

	private static final Parser PARSER = Parser.builder().build();

	private static final HtmlRenderer HTML = HtmlRenderer.builder()
		.escapeHtml(true)
		.sanitizeUrls(true)
		.urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
		.build();

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
