package io.concierge.web;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.concierge.IntegrationTest;
import io.concierge.PortalClient;
import io.concierge.identity.DemoLogins;
import io.concierge.identity.DemoLogins.DemoLogin;
import io.concierge.identity.Role;
import io.concierge.identity.Accounts;
import io.concierge.identity.SecondFactors;
import io.concierge.identity.TestLogins;
import io.concierge.identity.TestLogins.TestLogin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@IntegrationTest
class SecurityTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	DemoLogins demo;

	@LocalServerPort
	int port;

	@Test
	void everyPageSendsStrictSecurityHeaders() {
		assertThat(this.mvc.get().uri("/login")).hasStatusOk()
			.headers()
			.hasValue("Content-Security-Policy", SecurityConfiguration.CONTENT_SECURITY_POLICY)
			.hasValue("X-Frame-Options", "DENY")
			.hasValue("X-Content-Type-Options", "nosniff")
			.hasValue("Referrer-Policy", "strict-origin-when-cross-origin")
			.containsHeader("X-Request-Id");
		assertThat(SecurityConfiguration.CONTENT_SECURITY_POLICY).doesNotContain("unsafe-inline", "unsafe-eval")
			.contains("frame-ancestors 'none'");
	}

	@Test
	void sessionCookieIsHttpOnlySecureAndSameSite() {
		HttpResponse<String> login = new PortalClient(this.port).get("/login", "text/html");
		assertThat(login.headers().firstValue("Set-Cookie"))
			.hasValueSatisfying((cookie) -> assertThat(cookie).startsWith("__Host-CONCIERGE_SESSION=")
				.contains("HttpOnly", "Secure", "SameSite=Lax"));
	}

	@Test
	void everyCookieOfTheProductHasTheHostPrefix() {
		HttpResponse<String> login = new PortalClient(this.port).get("/login?lang=de", "text/html");
		assertThat(login.headers().allValues("Set-Cookie")).extracting((cookie) -> cookie.split("=")[0])
			.containsExactlyInAnyOrder("__Host-CONCIERGE_SESSION", "__Host-CONCIERGE_LANG");
		assertThat(login.headers().allValues("Set-Cookie")).allSatisfy(
				(cookie) -> assertThat(cookie).contains("Secure", "Path=/").doesNotContainIgnoringCase("Domain="));
		DemoLogin customer = this.demo.of(Role.CUSTOMER);
		PortalClient client = new PortalClient(this.port).signIn(customer.email().value(), customer.password());
		assertThat(client.cookie("__Host-CONCIERGE_DEVICE")).hasSize(43);
		assertThat(client.get("/dashboard", "text/html").statusCode()).isEqualTo(200);
	}

	@Test
	void keepsASaneRequestIdFromAProxyAndReplacesAnythingElse() {
		assertThat(this.mvc.get().uri("/login").header("X-Request-Id", "lb-1234-abcd")).headers()
			.hasValue("X-Request-Id", "lb-1234-abcd");
		assertThat(this.mvc.get()
			.uri("/login")
			.header("X-Request-Id", "<script>")
			.exchange()
			.getResponse()
			.getHeader("X-Request-Id")).isNotEqualTo("<script>").hasSize(36);
	}

	@Test
	void signInWithoutTheFormsCsrfTokenIsRefused() {
		DemoLogin customer = this.demo.of(Role.CUSTOMER);
		assertThat(this.mvc.post()
			.uri("/login")
			.param("email", customer.email().value())
			.param("password", customer.password())).hasStatus(HttpStatus.FORBIDDEN);
	}

	@Test
	void changesTheSessionIdOnSignInAgainstSessionFixation() {
		DemoLogin customer = this.demo.of(Role.CUSTOMER);
		PortalClient client = new PortalClient(this.port);
		client.get("/login", "text/html");
		String before = client.cookie("__Host-CONCIERGE_SESSION");
		client.signIn(customer.email().value(), customer.password());
		String after = client.cookie("__Host-CONCIERGE_SESSION");
		assertThat(after).isNotEqualTo(before);
		assertThat(client.get("/dashboard", "text/html").body()).contains("Alex Morgan");
		PortalClient fixated = new PortalClient(this.port).withCookie("__Host-CONCIERGE_SESSION", before);
		assertThat(fixated.get("/dashboard", "text/html").statusCode()).isEqualTo(302);
	}

	@Test
	void apiAnswersProblemJsonToStrangers() {
		HttpResponse<String> response = new PortalClient(this.port).get("/api/me", "application/json");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"status\":401", "\"instance\":\"/api/me\"");
	}

	@Test
	void apiAnswersProblemJsonForAddressesThatDoNotExist() {
		PortalClient client = signedIn(Role.CUSTOMER);
		HttpResponse<String> response = client.get("/api/no-such-thing", "text/html");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"status\":404").doesNotContain("trace", "exception");
		HttpResponse<String> me = client.get("/api/me", "application/json");
		assertThat(me.body()).contains("\"email\":\"alex.morgan@example.com\"", "\"role\":\"CUSTOMER\"")
			.doesNotContain("password");
	}

	@Test
	void unknownPagesShowTheNotFoundPageAndLeakNothing() {
		PortalClient client = signedIn(Role.CUSTOMER);
		HttpResponse<String> response = client.get("/no/such/page", "text/html");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("Page not found", "skip-link").doesNotContain("Exception", "at io.");
	}

	@Test
	void customersCannotOpenAdministrationPages() {
		PortalClient client = signedIn(Role.CUSTOMER);
		HttpResponse<String> response = client.get("/admin/audit", "text/html");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("Not allowed");
	}

	@Test
	void malformedRequestsGetAnErrorPageInTheAppsStyle(@Autowired Accounts accounts, @Autowired SecondFactors factors) {
		TestLogin admin = TestLogins.staff(accounts, factors, Role.ADMINISTRATOR);
		PortalClient client = new PortalClient(this.port).signIn(admin.email(), admin.password(), admin.totpSecret());
		HttpResponse<String> response = client.get("/admin/mail/not-a-uuid", "text/html");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("That did not work", "400").doesNotContain("UUID", "Exception");
	}

	@Test
	void healthIsPublicAndMetricsOnlyForTheMachineOrStaff() {
		assertThat(this.mvc.get().uri("/actuator/health/liveness")).hasStatusOk().bodyText().contains("UP");
		assertThat(this.mvc.get().uri("/actuator/health/readiness")).hasStatusOk();
		assertThat(this.mvc.get().uri("/actuator/prometheus")).hasStatusOk().bodyText().contains("jvm_memory");
		assertThat(this.mvc.get()
			.uri("/actuator/prometheus")
			.with(remote("203.0.113.9"))
			.with(user("alex.morgan@example.com").roles("CUSTOMER"))).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.get()
			.uri("/actuator/prometheus")
			.with(remote("203.0.113.9"))
			.with(user("operations@concierge.example").roles("OPERATIONS"))).hasStatusOk();
	}

	@Test
	void languageLinksNeverLeadOffTheSite() {
		assertThat(LayoutModel.localPath("//evil.example/x")).isEqualTo("/");
		assertThat(LayoutModel.localPath("/\\evil.example")).isEqualTo("/");
		assertThat(LayoutModel.localPath("https://evil.example")).isEqualTo("/");
		assertThat(LayoutModel.localPath("/orders/42")).isEqualTo("/orders/42");
		assertThat(new PortalClient(this.port).get("//evil.example/x", "text/html").body())
			.doesNotContain("//evil.example");
	}

	@Test
	void metricsRelayedByALocalProxyAreNotTreatedAsLocal() {
		assertThat(this.mvc.get().uri("/actuator/prometheus").header("X-Forwarded-For", "203.0.113.9"))
			.hasStatus(HttpStatus.FOUND);
	}

	@Test
	void signOutNeedsAPostWithTheCsrfToken() {
		assertThat(this.mvc.post().uri("/logout").with(user("alex.morgan@example.com")))
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.post().uri("/logout").with(user("alex.morgan@example.com")).with(csrf()))
			.hasStatus(HttpStatus.FOUND)
			.hasRedirectedUrl("/login?signed-out");
	}

	private PortalClient signedIn(Role role) {
		DemoLogin login = this.demo.of(role);
		return new PortalClient(this.port).signIn(login.email().value(), login.password());
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor remote(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

}
