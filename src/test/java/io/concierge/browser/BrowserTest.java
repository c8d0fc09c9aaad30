package io.concierge.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.concierge.IntegrationTest;
import io.concierge.identity.DemoLogins;

/**
 * Drives the running portal in headless Chromium: Debian's when present (or the one named
 * by {@code CONCIERGE_CHROMIUM}), else Playwright's own. One browser for all tests of a
 * class, a fresh context (cookies, storage) for each test. Requests to any other host are
 * refused.
 */
@IntegrationTest
abstract class BrowserTest {

	private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
			"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

	private static Playwright playwright;

	private static Browser browser;

	@LocalServerPort
	int port;

	@Autowired
	DemoLogins demo;

	private final java.util.List<BrowserContext> contexts = new java.util.ArrayList<>();

	Page page;

	@BeforeAll
	static void launchBrowser() {
		playwright = Playwright
			.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
		BrowserType.LaunchOptions options = new BrowserType.LaunchOptions().setHeadless(true).setArgs(FLAGS);
		chromium().ifPresent(options::setExecutablePath);
		browser = playwright.chromium().launch(options);
	}

	private static java.util.Optional<Path> chromium() {
		String configured = System.getenv("CONCIERGE_CHROMIUM");
		if (configured != null && !configured.isBlank()) {
			return java.util.Optional.of(Path.of(configured));
		}
		Path debian = Path.of("/usr/bin/chromium");
		return Files.isExecutable(debian) ? java.util.Optional.of(debian) : java.util.Optional.empty();
	}

	@BeforeEach
	void openContext() {
		this.page = newBrowserWindow();
	}

	/**
	 * A window of a browser of its own: no cookies shared with the others, like another
	 * device.
	 */
	Page newBrowserWindow() {
		BrowserContext context = browser
			.newContext(new Browser.NewContextOptions().setBaseURL("http://localhost:" + this.port)
				.setLocale("en-GB")
				.setTimezoneId("Europe/Berlin"));
		// the portal and the test's identity provider run here; nothing else is reached
		context.route((url) -> !url.startsWith("http://localhost:") && !url.startsWith("http://127.0.0.1:"),
				(route) -> route.abort());
		this.contexts.add(context);
		return context.newPage();
	}

	@AfterEach
	void closeContexts() {
		this.contexts.forEach(BrowserContext::close);
		this.contexts.clear();
	}

	@AfterAll
	static void closeBrowser() {
		browser.close();
		playwright.close();
	}

}
