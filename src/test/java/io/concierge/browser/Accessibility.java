package io.concierge.browser;

import java.util.List;
import java.util.stream.Collectors;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs axe-core's WCAG 2.1 A and AA rules on the page as it is now.
 */
final class Accessibility {

	private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

	private Accessibility() {
	}

	static void check(Page page) {
		// in the page itself: the default runs each frame apart and joins the results in
		// a
		// second, new page, which took most of the browser tests' time; these pages have
		// no
		// frames of another origin to reach
		AxeResults results = new AxeBuilder(page).withTags(WCAG_21_AA).setLegacyMode(true).analyze();
		assertThat(results.getViolations())
			.as(() -> page.url() + " has accessibility violations:\n"
					+ results.getViolations().stream().map(Accessibility::describe).collect(Collectors.joining("\n")))
			.isEmpty();
	}

	private static String describe(Rule rule) {
		return "- " + rule.getId() + ": " + rule.getHelp() + " at "
				+ rule.getNodes().stream().map((node) -> String.valueOf(node.getTarget())).toList();
	}

}
