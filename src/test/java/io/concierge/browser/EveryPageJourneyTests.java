package io.concierge.browser;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import org.junit.jupiter.api.Test;

import io.concierge.identity.DemoLogins.DemoLogin;
import io.concierge.identity.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page each kind of user can reach by following links, as a new user would find
 * them, checked with axe on a phone (375 px) and on a desktop, in English and German: no
 * list of pages to forget a new one. A page that scrolls sideways as a whole on a phone
 * fails too; a wide table scrolls in its own region, which the keyboard can reach.
 */
class EveryPageJourneyTests extends BrowserTest {

	/** Paths that are not pages: files, streams, APIs and actions. */
	private static final Pattern NOT_A_PAGE = Pattern.compile(
			"^/(api|actuator|oauth2|logout|login/|webjars|css|js|images|favicon|\\.well-known)(/.*)?$|.*/(events|stream|content|download|export|pdf|csv|x12|edi|qr)(/.*)?$|.*\\.[a-z0-9]{2,4}$");

	/** A path segment that names one thing: an order, a parcel, an id. */
	private static final Pattern ONE_THING = Pattern.compile(".*\\d.*");

	private static final int MOST_PAGES = 60;

	/** The innermost elements that reach past a phone's screen, to say what to fix. */
	private static final String WIDE = """
			() => [...document.querySelectorAll('body *')]
			  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && e.children.length === 0)
			  .slice(0, 5)
			  .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' "'
			    + (e.textContent || '').trim().slice(0, 40) + '" right=' + Math.round(e.getBoundingClientRect().right))
			  .join('; ')""";

	private final Set<String> seen = new LinkedHashSet<>();

	@Test
	void everyPageOfAVisitorIsAccessibleOnAPhoneAndADesktopInBothLanguages() {
		crawl(List.of("/login", "/register", "/password/forgot", "/track", "/help"));
	}

	@Test
	void everyPageOfACustomerIsAccessibleOnAPhoneAndADesktopInBothLanguages() {
		signIn(this.demo.all()
			.stream()
			.filter((login) -> !login.business() && login.role() == Role.CUSTOMER)
			.findFirst()
			.orElseThrow());
		crawl(List.of("/dashboard"));
	}

	@Test
	void everyPageOfACompanysUserIsAccessibleOnAPhoneAndADesktopInBothLanguages() {
		signIn(this.demo.all().stream().filter(DemoLogin::business).findFirst().orElseThrow());
		crawl(List.of("/dashboard"));
	}

	@Test
	void everyPageOfStaffIsAccessibleOnAPhoneAndADesktopInBothLanguages() {
		signIn(this.demo.of(Role.ADMINISTRATOR));
		crawl(List.of("/dashboard", "/support", "/operations/intake", "/admin/intake-channels"));
	}

	@Test
	void everyPageOfPartnersIsAccessibleOnAPhoneAndADesktopInBothLanguages() {
		for (DemoLogin partner : this.demo.all().stream().filter((login) -> login.role() == Role.PARTNER).toList()) {
			this.page = newBrowserWindow();
			this.seen.clear();
			signIn(partner);
			crawl(List.of("/partner"));
		}
	}

	private void signIn(DemoLogin login) {
		LoginPage signIn = LoginPage.open(this.page);
		if (login.totpSecret() != null) {
			signIn.signInToSecondFactor(login.email().value(), login.password())
				.submit(io.concierge.Authenticator.code(login.totpSecret()), false);
		}
		else {
			signIn.signIn(login.email().value(), login.password());
		}
		com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(this.page)
			.not()
			.hasURL(Pattern.compile(".*/login.*"));
	}

	/**
	 * Follows the links of the pages from the start, one page of each kind (one order
	 * page, not every order's), and checks each in both languages and both widths.
	 */
	private void crawl(List<String> start) {
		Deque<String> waiting = new ArrayDeque<>(start);
		List<String> visited = new ArrayList<>();
		while (!waiting.isEmpty() && visited.size() < MOST_PAGES) {
			String path = waiting.removeFirst();
			if (!this.seen.add(kind(path))) {
				continue;
			}
			Response response = this.page.navigate(path + (path.contains("?") ? "&" : "?") + "lang=en");
			if (response == null || response.status() != 200
					|| !String.valueOf(response.headerValue("content-type")).startsWith("text/html")
					|| !URI.create(this.page.url()).getPath().equals(path)) {
				// not a page, or not one for this user: it sent them elsewhere
				continue;
			}
			visited.add(path);
			check(path, "en");
			for (String link : links()) {
				if (!this.seen.contains(kind(link))) {
					waiting.addLast(link);
				}
			}
			this.page.navigate(path + (path.contains("?") ? "&" : "?") + "lang=de");
			check(path, "de");
		}
		this.page.navigate("/dashboard?lang=en");
		assertThat(visited).as("pages reached from " + start).isNotEmpty();
	}

	private void check(String path, String language) {
		assertThat(this.page.locator("html").getAttribute("lang")).as(path).isEqualTo(language);
		this.page.setViewportSize(1280, 900);
		Accessibility.check(this.page);
		this.page.setViewportSize(375, 812);
		Accessibility.check(this.page);
		Object overflow = this.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
		int beyond = ((Number) overflow).intValue();
		assertThat(beyond)
			.as(() -> path + " in " + language
					+ " scrolls sideways on a phone; wide content belongs in a region of its own that scrolls: "
					+ ((beyond > 0) ? this.page.evaluate(WIDE) : ""))
			.isLessThanOrEqualTo(0);
	}

	/**
	 * The same-origin pages the page links to, without their queries and fragments.
	 */
	private List<String> links() {
		List<String> links = new ArrayList<>();
		for (Object href : (List<?>) this.page.evaluate(
				"() => [...document.querySelectorAll('a[href]')].filter(a => !a.hasAttribute('download')).map(a => a.href)")) {
			URI uri = URI.create(String.valueOf(href));
			if (("http://localhost:" + this.port).equals(uri.getScheme() + "://" + uri.getAuthority())
					&& !NOT_A_PAGE.matcher(uri.getPath()).matches()) {
				links.add(uri.getPath());
			}
		}
		return links;
	}

	/**
	 * What kind of page a path is: {@code /orders/{}} for every order's page.
	 */
	private static String kind(String path) {
		StringBuilder kind = new StringBuilder();
		for (String segment : path.split("\\?")[0].split("/")) {
			if (!segment.isEmpty()) {
				kind.append('/').append(ONE_THING.matcher(segment).matches() ? "{}" : segment);
			}
		}
		return kind.isEmpty() ? "/" : kind.toString();
	}

}
