package io.concierge.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Links and images of articles keep only http, https and mailto addresses (and relative
 * ones); every other scheme, {@code data:} included, is dropped.
 */
class MarkdownTests {

	@Test
	void linksAndImagesKeepOnlyHttpHttpsAndMailto() {
		String html = Markdown.html("""
				[web](https://example.com/a) [plain](http://example.com/b) [mail](mailto:help@example.com)
				[page](/help/returns) [anchor](#top)

				[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
				[DATA](DATA:text/html,x) [script](javascript:alert(1)) [vb](vbscript:x) [file](file:///etc/passwd)
				![pixel](data:image/svg+xml;base64,PHN2Zy8+) ![photo](https://example.com/p.png)
				""");

		assertThat(html).contains("href=\"https://example.com/a\"", "href=\"http://example.com/b\"",
				"href=\"mailto:help@example.com\"", "href=\"/help/returns\"", "href=\"#top\"",
				"src=\"https://example.com/p.png\"");
		assertThat(html.toLowerCase(java.util.Locale.ROOT)).doesNotContain("data:", "javascript:", "vbscript:",
				"file:");
	}

}
