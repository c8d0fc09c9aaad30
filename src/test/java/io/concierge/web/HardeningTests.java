package io.concierge.web;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.concierge.IntegrationTest;
import io.concierge.PortalClient;
import io.concierge.identity.Accounts;
import io.concierge.identity.AccountView;
import io.concierge.identity.NewAccount;
import io.concierge.identity.Role;
import io.concierge.identity.TestLogins;
import io.concierge.identity.TestLogins.TestLogin;
import io.concierge.shared.EmailAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * What a careful attacker would try against the running portal and its API, each refused:
 * forged requests, odd paths and methods, other sites' scripts, files a browser would
 * run, passwords almost right, a session left open, fields nobody offered; and what a bug
 * looks like from outside (nothing) and in the log (everything, with the request's id).
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class HardeningTests {

	private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>", Pattern.CASE_INSENSITIVE);

	private static final Pattern PASSWORD_FIELD = Pattern.compile("\\bname=\"[^\"]*[pP]assword[^\"]*\"");

	private static final Pattern FORM_FIELD = Pattern
		.compile("fragments/forms :: field\\('([^']*)', '([^']*)', '([^']*)'");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	@Test
	void anApiCallWithTheSessionButWithoutItsCsrfTokenIsRefused() {
		PortalClient customer = signedInCustomer();
		byte[] note = "A note\n".getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> forged = customer.postWithoutCsrfToken("/api/documents?name=forged.txt",
				"application/octet-stream", note);
		assertThat(forged.statusCode()).as(forged.body()).isEqualTo(403);
		assertThat(JsonPath.<List<?>>read(customer.get("/api/documents", "application/json").body(), "$.items"))
			.as("nothing was kept")
			.isEmpty();
		HttpResponse<String> sent = customer.post("/api/documents?name=note.txt", "application/octet-stream", note);
		assertThat(sent.statusCode()).as("the same call with the token").isEqualTo(201);
	}

	@Test
	void pathsWithEncodedSlashesDotsOrDoubleEncodingAreRefused() {
		PortalClient customer = signedInCustomer();
		for (String path : List.of("/api/me%2F..%2F..%2Factuator", "/orders%2F..%2Fadmin/audit", "/%2e%2e/admin/audit",
				"/api/%252e%252e/me", "/account%252Fsecurity", "/css/%2e%2e/%2e%2e/application.properties",
				"/api/me%00")) {
			HttpResponse<String> response = customer.get(path, "text/html");
			assertThat(response.statusCode()).as(path).isEqualTo(400);
			assertThat(response.body()).as(path).doesNotContain("Exception", "at io.", "at org.");
		}
	}

	@Test
	void traceIsNotAllowed() {
		PortalClient customer = signedInCustomer();
		for (String path : List.of("/login", "/dashboard", "/api/me")) {
			HttpResponse<String> response = customer.send("TRACE", path, Map.of("X-Secret", "echo me"));
			assertThat(response.statusCode()).as(path).isEqualTo(405);
			assertThat(response.body()).as(path).doesNotContain("echo me");
		}
	}

	@Test
	void staticFoldersListNothing() {
		PortalClient stranger = new PortalClient(this.port);
		for (String folder : List.of("/css/", "/js/", "/images/", "/fonts/", "/css", "/js", "/webjars/")) {
			HttpResponse<String> response = stranger.get(folder, "text/html");
			assertThat(response.statusCode()).as(folder).isIn(302, 404);
			if (response.statusCode() == 404) {
				assertThat(response.body()).as(folder).contains("Page not found");
			}
			// the not-found page links the site's style and some scripts; no listing
			assertThat(response.body()).as(folder).doesNotContain("signature.js", "analytics.js", "Index of");
		}
	}

	@Test
	void anUnexpectedFailureShowsOnlyTheGenericPageOrProblem() {
		PortalClient customer = signedInCustomer();
		HttpResponse<String> page = customer.get("/test/unexpected-failure", "text/html");
		assertThat(page.statusCode()).isEqualTo(500);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains("Something went wrong", "skip-link")
			.doesNotContain(UnexpectedFailures.SECRET, "IllegalStateException", "Exception", "at io.", "at org.");

		HttpResponse<String> problem = customer.get("/api/test/unexpected-failure", "application/json");
		assertThat(problem.statusCode()).isEqualTo(500);
		assertThat(problem.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(problem.body()).contains("\"status\":500", "Something went wrong on our side")
			.doesNotContain(UnexpectedFailures.SECRET, "IllegalStateException", "xception", "trace", "at io.");
	}

	@Test
	void anUnexpectedFailureIsLoggedWithItsRequestId(CapturedOutput output) {
		PortalClient customer = signedInCustomer();
		String requestId = "hardening-" + UUID.randomUUID();
		HttpResponse<String> page = customer.send("GET", "/test/unexpected-failure",
				Map.of("X-Request-Id", requestId, "Accept", "text/html"));
		assertThat(page.statusCode()).isEqualTo(500);
		assertThat(page.headers().firstValue("X-Request-Id")).hasValue(requestId);
		assertThat(output.getOut().lines().filter((line) -> line.contains("[" + requestId + "]")))
			.as("a line of the failure's with the request's id")
			.anySatisfy((line) -> assertThat(line).contains("ERROR", "/test/unexpected-failure"));
		String afterTheLine = output.getOut().substring(output.getOut().indexOf("[" + requestId + "]"));
		assertThat(afterTheLine).as("the failure itself, to find the bug")
			.contains("IllegalStateException", UnexpectedFailures.SECRET, "UnexpectedFailures.fail");
	}

	@Test
	void crossOriginRequestsGetNoCorsHeaders() {
		PortalClient customer = signedInCustomer();
		Map<String, String> fromElsewhere = Map.of("Origin", "https://evil.example", "Accept", "application/json");
		List<HttpResponse<String>> responses = new ArrayList<>();
		responses.add(customer.send("GET", "/api/me", fromElsewhere));
		responses.add(customer.send("GET", "/api/orders", fromElsewhere));
		responses.add(customer.send("GET", "/dashboard", fromElsewhere));
		responses.add(new PortalClient(this.port).send("GET", "/v3/api-docs", fromElsewhere));
		for (String path : List.of("/api/me", "/api/documents", "/oauth2/token", "/login")) {
			responses.add(customer.send("OPTIONS", path, Map.of("Origin", "https://evil.example",
					"Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type")));
		}
		assertThat(responses).allSatisfy((response) -> assertThat(response.headers().map().keySet())
			.as(response.request().method() + " " + response.uri())
			.noneSatisfy((header) -> assertThat(header.toLowerCase()).startsWith("access-control-allow")));
	}

	@Test
	void svgUploadsAreRefused() {
		PortalClient customer = signedInCustomer();
		String svg = """
				<?xml version="1.0" encoding="UTF-8"?>
				<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
				  <script>alert(document.cookie)</script>
				  <rect width="10" height="10"/>
				</svg>
				""";
		String bare = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect width=\"1\" height=\"1\"/></svg>";
		for (Map.Entry<String, String> upload : List.of(Map.entry("logo.svg", svg), Map.entry("logo.svg", bare),
				Map.entry("note.txt", svg), Map.entry("note.txt", bare), Map.entry("photo.png", svg))) {
			HttpResponse<String> response = customer.post("/api/documents?name=" + upload.getKey(), "image/svg+xml",
					upload.getValue().getBytes(StandardCharsets.UTF_8));
			assertThat(response.statusCode()).as(upload.getKey() + ": " + response.body()).isBetween(400, 499);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}
		assertThat(JsonPath.<List<?>>read(customer.get("/api/documents", "application/json").body(), "$.items"))
			.isEmpty();
	}

	@Test
	void passwordFieldsArePasswordFieldsThatPasswordManagersMayFill() throws IOException {
		PortalClient customer = signedInCustomer();
		List<String> rendered = List.of(new PortalClient(this.port).get("/login", "text/html").body(),
				new PortalClient(this.port).get("/register", "text/html").body(),
				customer.get("/account", "text/html").body());
		List<String> fields = new ArrayList<>();
		for (String page : rendered) {
			Matcher input = INPUT.matcher(page);
			while (input.find()) {
				if (PASSWORD_FIELD.matcher(input.group()).find()) {
					fields.add(input.group());
				}
			}
		}
		assertThat(fields).as("sign-in, registration, email and password change").hasSizeGreaterThanOrEqualTo(5);
		assertThat(fields).allSatisfy((field) -> assertThat(field).contains("type=\"password\"")
			.containsPattern("autocomplete=\"(current|new)-password\"")
			.doesNotContainIgnoringCase("onpaste"));

		// and every password field of every template, rendered above or not (reset,
		// invitation, linking an account to a provider)
		try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
			for (Path template : templates.filter((file) -> file.toString().endsWith(".html")).toList()) {
				String html = Files.readString(template);
				Matcher input = INPUT.matcher(html);
				while (input.find()) {
					if (PASSWORD_FIELD.matcher(input.group()).find()) {
						assertThat(input.group()).as(template.toString())
							.contains("type=\"password\"")
							.containsPattern("autocomplete=\"(current|new)-password\"");
					}
				}
				Matcher field = FORM_FIELD.matcher(html);
				while (field.find()) {
					if (field.group(1).toLowerCase().contains("password")) {
						assertThat(field.group(2)).as(template + " " + field.group(1)).isEqualTo("password");
						assertThat(field.group(3)).as(template + " " + field.group(1))
							.isIn("current-password", "new-password");
					}
				}
			}
		}
		try (Stream<Path> scripts = Files.walk(Path.of("src/main/resources/static/js"))) {
			for (Path script : scripts.filter(Files::isRegularFile).toList()) {
				assertThat(Files.readString(script)).as("nothing blocks pasting: " + script)
					.doesNotContainIgnoringCase("paste");
			}
		}
	}

	@Test
	void aPasswordIsCheckedExactlyAsTypedAllOfIt() {
		String email = "exact-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		// 128 characters, the most the policy allows; the last differ from the start
		String password = "Correct Horse Battery Staple ".repeat(4) + "tail-" + "x".repeat(4) + "END";
		assertThat(password).hasSize(128);
		this.accounts.open(new NewAccount(EmailAddress.of(email), "Exact Typist", password, Role.CUSTOMER, null));
		RequestPostProcessor address = from("203.0.113." + ThreadLocalRandom.current().nextInt(1, 255));

		// four, as the fifth failure in a row would lock the account
		for (String almost : List.of(password.toUpperCase(), password.substring(0, 72), password.substring(0, 127),
				password + "!")) {
			assertThat(this.mvc.post()
				.uri("/login")
				.param("email", email)
				.param("password", almost)
				.with(csrf())
				.with(address)).as(almost.length() + " characters").hasRedirectedUrl("/login?error");
		}
		assertThat(this.mvc.post()
			.uri("/login")
			.param("email", email)
			.param("password", password)
			.with(csrf())
			.with(address)).hasRedirectedUrl("/dashboard");
	}

	@Test
	void aSessionIdleForThirtyMinutesIsOver() {
		TestLogin login = TestLogins.customer(this.accounts);
		PortalClient customer = new PortalClient(this.port).signIn(login.email(), login.password());
		assertThat(customer.get("/dashboard", "text/html").statusCode()).isEqualTo(200);

		idleFor(login.email(), Duration.ofMinutes(29));
		assertThat(customer.get("/dashboard", "text/html").statusCode()).as("29 minutes idle").isEqualTo(200);

		idleFor(login.email(), Duration.ofMinutes(31));
		HttpResponse<String> after = customer.get("/dashboard", "text/html");
		assertThat(after.statusCode()).as("31 minutes idle").isEqualTo(302);
		assertThat(after.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login"));
	}

	/**
	 * As if the account's sessions had had no request for so long.
	 */
	private void idleFor(String email, Duration idle) {
		long lastAccess = Instant.now().minus(idle).toEpochMilli();
		int sessions = this.jdbc
			.sql("update spring_session set last_access_time = ?, expiry_time = ? + max_inactive_interval * 1000"
					+ " where principal_name = ?")
			.params(lastAccess, lastAccess, email)
			.update();
		assertThat(sessions).isEqualTo(1);
	}

	@Test
	void theKeysetAndDemoLoginsFilesAreReadableByTheirOwnerOnly(@Value("${concierge.documents.keyset}") String keyset,
			@Value("${concierge.demo.logins-file}") String demoLogins) throws IOException {
		for (String file : List.of(keyset, demoLogins)) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(file)))).as(file)
				.isEqualTo("rw-------");
		}
	}

	@Test
	void aFormFieldTheActionDoesNotTakeIsIgnored() {
		TestLogin login = TestLogins.customer(this.accounts);
		PortalClient customer = new PortalClient(this.port).signIn(login.email(), login.password());
		String token = PortalClient.csrf(customer.get("/account", "text/html"));
		Map<String, String> form = new java.util.HashMap<>(
				Map.of("_csrf", token, "name", "Renamed Customer", "language", "en", "phone", "", "timeZone", ""));
		form.putAll(Map.of("role", "ADMINISTRATOR", "email", "someone.else@example.com", "emailVerified", "false",
				"organisationName", "Acme Corp", "id", UUID.randomUUID().toString(), "passwordHash", "{noop}x",
				"displayName", "Displayed Otherwise", "createdAt", "2000-01-01T00:00:00Z"));
		HttpResponse<String> saved = customer.post("/account/profile", form);
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);

		AccountView account = this.accounts.findByEmail(EmailAddress.of(login.email())).orElseThrow();
		assertThat(account.displayName()).as("the field the form offers").isEqualTo("Renamed Customer");
		assertThat(account.role()).isEqualTo(Role.CUSTOMER);
		assertThat(account.organisationName()).isNull();
		assertThat(account.emailVerified()).isTrue();
		assertThat(account.createdAt()).isAfter(Instant.parse("2020-01-01T00:00:00Z"));
		assertThat(this.accounts.findByEmail(EmailAddress.of("someone.else@example.com"))).isEmpty();
		assertThat(customer.get("/api/me", "application/json").body()).contains("\"role\":\"CUSTOMER\"");
	}

	@Test
	void everyApiAddressIsDescribedInTheApiDescription(
			@Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
		String description = new PortalClient(this.port).get("/v3/api-docs", "application/json").body();
		Set<String> described = new TreeSet<>();
		JsonPath.<Map<String, Map<String, Object>>>read(description, "$.paths")
			.forEach((path, operations) -> operations.keySet()
				.forEach((method) -> described.add(method.toUpperCase() + " " + path)));

		Set<String> served = new TreeSet<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
			if (mapping.getValue().getBeanType() == UnexpectedFailures.class) {
				continue;
			}
			Set<String> methods = new TreeSet<>();
			mapping.getKey().getMethodsCondition().getMethods().forEach((method) -> methods.add(method.name()));
			for (String pattern : mapping.getKey().getPatternValues()) {
				if (pattern.startsWith("/api/")) {
					String path = pattern.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
					(methods.isEmpty() ? Set.of("GET") : methods).forEach((method) -> served.add(method + " " + path));
				}
			}
		}
		assertThat(served).as("the API's addresses").hasSizeGreaterThan(10);
		assertThat(described).containsAll(served);
	}

	private PortalClient signedInCustomer() {
		TestLogin login = TestLogins.customer(this.accounts);
		return new PortalClient(this.port).signIn(login.email(), login.password());
	}

	private static RequestPostProcessor from(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

}
