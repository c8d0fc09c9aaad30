package io.concierge.web;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.concierge.IntegrationTest;
import io.concierge.PortalClient;
import io.concierge.identity.Accounts;
import io.concierge.identity.TestLogins;
import io.concierge.identity.TestLogins.TestLogin;
import io.concierge.shared.Signatures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of response the portal and the API give carries the same security headers,
 * as a browser receives them from the running server: pages, API answers and problems,
 * error pages, event streams, static files and downloads.
 */
@IntegrationTest
class SecurityHeadersTests {

	private static final String EDI_SECRET = "test-edi-secret";

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Test
	void everyKindOfResponseCarriesTheSecurityHeaders() throws Exception {
		TestLogin customer = TestLogins.customer(this.accounts);
		PortalClient portal = new PortalClient(this.port).signIn(customer.email(), customer.password());
		HttpResponse<String> upload = portal.post("/api/documents?name=note.txt", "application/octet-stream",
				"A note\n".getBytes(StandardCharsets.UTF_8));
		assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
		String document = JsonPath.read(upload.body(), "$.id");

		Map<String, HttpHeaders> privateResponses = new LinkedHashMap<>();
		privateResponses.put("page", expect(portal.get("/dashboard", "text/html"), 200));
		privateResponses.put("sign-in page", expect(new PortalClient(this.port).get("/login", "text/html"), 200));
		privateResponses.put("API answer", expect(portal.get("/api/me", "application/json"), 200));
		privateResponses.put("API problem", expect(portal.get("/api/orders/NO-SUCH-ORDER", "application/json"), 404));
		privateResponses.put("API refusal",
				expect(new PortalClient(this.port).get("/api/orders", "application/json"), 401));
		privateResponses.put("error page", expect(portal.get("/no-such-page", "text/html"), 404));
		privateResponses.put("bad request page", expect(portal.get("/documents/not-an-id/content", "text/html"), 400));
		privateResponses.put("event stream", stream(portal.cookie("__Host-CONCIERGE_SESSION")));
		privateResponses.put("CSV download", expect(portal.get("/billing/statement.csv", "text/csv"), 200));
		privateResponses.put("X12 download", x12Acknowledgement());
		privateResponses.put("document download",
				expect(portal.get("/documents/" + document + "/content", "*/*"), 200));

		HttpHeaders style = expect(new PortalClient(this.port).get("/css/concierge.css", "text/css"), 200);
		HttpHeaders script = expect(new PortalClient(this.port).get("/js/concierge.js", "*/*"), 200);
		HttpHeaders image = expect(new PortalClient(this.port).get("/images/logo.svg", "image/*"), 200);

		SoftAssertions.assertSoftly((softly) -> {
			privateResponses.forEach((kind, headers) -> {
				assertSecurityHeaders(softly, kind, headers);
				softly.assertThat(headers.firstValue("Cache-Control"))
					.as(kind + ": Cache-Control")
					.hasValueSatisfying((cache) -> assertThat(cache).contains("no-store"));
			});
			// static files may be kept by the browser: they hold nothing private
			assertSecurityHeaders(softly, "static style sheet", style);
			assertSecurityHeaders(softly, "static script", script);
			assertSecurityHeaders(softly, "static image", image);
			softly.assertThat(image.firstValue("Content-Type")).hasValue("image/svg+xml;charset=UTF-8");
		});
	}

	private static void assertSecurityHeaders(SoftAssertions softly, String kind, HttpHeaders headers) {
		softly.assertThat(headers.firstValue("Content-Security-Policy"))
			.as(kind + ": Content-Security-Policy")
			.hasValueSatisfying((csp) -> assertThat(csp).doesNotContain("unsafe-inline", "unsafe-eval")
				.contains("frame-ancestors 'none'", "base-uri 'none'")
				.containsAnyOf("default-src 'none'", "default-src 'self'"));
		softly.assertThat(headers.firstValue("X-Content-Type-Options")).as(kind + ": nosniff").hasValue("nosniff");
		softly.assertThat(headers.firstValue("X-Frame-Options")).as(kind + ": X-Frame-Options").hasValue("DENY");
		softly.assertThat(headers.firstValue("Referrer-Policy"))
			.as(kind + ": Referrer-Policy")
			.hasValue("strict-origin-when-cross-origin");
		softly.assertThat(headers.firstValue("Permissions-Policy"))
			.as(kind + ": Permissions-Policy")
			.hasValueSatisfying((policy) -> assertThat(policy).contains("camera=()", "geolocation=()"));
		softly.assertThat(headers.firstValue("Cross-Origin-Opener-Policy"))
			.as(kind + ": Cross-Origin-Opener-Policy")
			.hasValue("same-origin");
		softly.assertThat(headers.firstValue("Strict-Transport-Security"))
			.as(kind + ": Strict-Transport-Security")
			.hasValue("max-age=31536000 ; includeSubDomains");
		softly.assertThat(headers.firstValue("Content-Type"))
			.as(kind + ": Content-Type")
			.hasValueSatisfying((type) -> assertThat(type).satisfiesAnyOf(
					(textual) -> assertThat(textual).doesNotStartWith("text/"),
					// an event stream is UTF-8 by definition, and has no charset to name
					(textual) -> assertThat(textual).isEqualTo("text/event-stream"),
					(textual) -> assertThat(textual.toLowerCase(java.util.Locale.ROOT)).contains("charset=")));
	}

	private static HttpHeaders expect(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.uri() + ": " + response.body()).isEqualTo(status);
		return response.headers();
	}

	/** The headers of the live notifications' stream, which stays open. */
	private HttpHeaders stream(String session) throws Exception {
		HttpResponse<InputStream> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/notifications/live"))
				.header("Cookie", "__Host-CONCIERGE_SESSION=" + session)
				.header("Accept", "text/event-stream")
				.build(), HttpResponse.BodyHandlers.ofInputStream());
		response.body().close();
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		return response.headers();
	}

	/** An X12 interchange is taken in, and its 997 fetched as its partner would. */
	private HttpHeaders x12Acknowledgement() throws Exception {
		String prefix = "HDR-" + UUID.randomUUID().toString().substring(0, 8);
		byte[] interchange = io.concierge.intake.X12Samples.purchaseOrders(prefix, control())
			.getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> taken = this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/intake/test-edi"))
				.header("Content-Type", "application/edi-x12")
				.header("X-Concierge-Hmac-Sha256", sign(interchange))
				.POST(HttpRequest.BodyPublishers.ofByteArray(interchange))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(taken.statusCode()).as(taken.body()).isEqualTo(202);
		String path = "/api/intake/test-edi/acknowledgements/" + JsonPath.read(taken.body(), "$.acknowledgement");
		long now = Instant.now().getEpochSecond();
		HttpResponse<String> acknowledgement = this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("X-Concierge-Timestamp", String.valueOf(now))
				.header("X-Concierge-Hmac-Sha256", sign((now + "\n" + path).getBytes(StandardCharsets.UTF_8)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(acknowledgement.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/edi-x12"));
		return expect(acknowledgement, 200);
	}

	private static String sign(byte[] body) {
		return Base64.getEncoder().encodeToString(Signatures.hmacSha256(body, EDI_SECRET));
	}

	private static int control() {
		return (int) (Math.random() * 900_000_000) + 100_000_000;
	}

}
