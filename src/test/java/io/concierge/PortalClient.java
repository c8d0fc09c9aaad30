package io.concierge;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Talks to the running portal over real HTTP, the way a browser without JavaScript would,
 * so tests see what the servlet container does (error pages, security headers). Keeps
 * cookies by hand because the JDK's cookie manager never sends secure cookies over plain
 * http.
 */
public final class PortalClient {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private final String base;

	private final Map<String, String> cookies = new HashMap<>();

	public PortalClient(int port) {
		this.base = "http://localhost:" + port;
	}

	/**
	 * Signs in with a password and then a code from the authenticator with this key.
	 */
	public PortalClient signIn(String email, String password, String totpSecret) {
		HttpResponse<String> afterPassword = password(email, password);
		String location = afterPassword.headers().firstValue("Location").orElse("");
		if (!location.endsWith("/login/second-factor")) {
			throw new IllegalStateException("No second factor asked for: " + location);
		}
		HttpResponse<String> page = get("/login/second-factor", "text/html");
		HttpResponse<String> response = post("/login/second-factor",
				Map.of("code", Authenticator.code(totpSecret), "_csrf", csrf(page)));
		String next = response.headers().firstValue("Location").orElse("");
		if (!next.endsWith("/dashboard")) {
			throw new IllegalStateException("Second factor failed: " + response.statusCode() + " to " + next);
		}
		return this;
	}

	/**
	 * Signs in with the password only, leaving the second factor due.
	 */
	public PortalClient signInToSecondFactor(String email, String password) {
		password(email, password);
		return this;
	}

	/**
	 * Enters a code on the second-factor page; answers where the portal sends the
	 * browser.
	 */
	public String secondFactor(String code) {
		HttpResponse<String> page = get("/login/second-factor", "text/html");
		if (page.statusCode() != 200) {
			return page.headers().firstValue("Location").orElse(String.valueOf(page.statusCode()));
		}
		HttpResponse<String> response = post("/login/second-factor", Map.of("code", code, "_csrf", csrf(page)));
		return response.headers().firstValue("Location").orElse(String.valueOf(response.statusCode()));
	}

	public PortalClient signIn(String email, String password) {
		HttpResponse<String> response = password(email, password);
		String location = response.headers().firstValue("Location").orElse("");
		if (!location.endsWith("/dashboard")) {
			throw new IllegalStateException("Sign-in failed: " + response.statusCode() + " to " + location);
		}
		return this;
	}

	/**
	 * Gives an email address and password on the sign-in page; answers where the portal
	 * sends the browser.
	 */
	public String tryPassword(String email, String password) {
		return password(email, password).headers().firstValue("Location").orElse("");
	}

	private HttpResponse<String> password(String email, String password) {
		HttpResponse<String> login = get("/login", "text/html");
		return post("/login", Map.of("email", email, "password", password, "_csrf", csrf(login)));
	}

	/**
	 * The CSRF token of a form on the page.
	 */
	public static String csrf(HttpResponse<String> page) {
		Matcher token = CSRF.matcher(page.body());
		if (!token.find()) {
			throw new IllegalStateException("No CSRF token on " + page.uri());
		}
		return token.group(1);
	}

	public String cookie(String name) {
		return this.cookies.get(name);
	}

	public PortalClient withCookie(String name, String value) {
		this.cookies.put(name, value);
		return this;
	}

	public HttpResponse<String> get(String path, String accept) {
		return send(request(path).header("Accept", accept).GET());
	}

	public HttpResponse<String> post(String path, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/**
	 * Posts a body as it is, with the CSRF token of the signed-in session's pages in its
	 * header, as a script in the page would.
	 */
	public HttpResponse<String> post(String path, String contentType, byte[] body) {
		String token = csrf(get("/account", "text/html"));
		return send(request(path).header("Content-Type", contentType)
			.header("X-CSRF-TOKEN", token)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	/**
	 * Posts a body as it is with the session's cookies but without the CSRF token, as a
	 * form or script on another site could make a browser do.
	 */
	public HttpResponse<String> postWithoutCsrfToken(String path, String contentType, byte[] body) {
		return send(
				request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	/**
	 * Sends a request of any method with the session's cookies and these headers, and no
	 * body.
	 */
	public HttpResponse<String> send(String method, String path, Map<String, String> headers) {
		HttpRequest.Builder request = request(path).method(method, HttpRequest.BodyPublishers.noBody());
		headers.forEach(request::header);
		return send(request);
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path));
		if (!this.cookies.isEmpty()) {
			builder.header("Cookie",
					this.cookies.entrySet()
						.stream()
						.map((cookie) -> cookie.getKey() + "=" + cookie.getValue())
						.collect(Collectors.joining("; ")));
		}
		return builder;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			response.headers().allValues("Set-Cookie").forEach(this::keep);
			return response;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private void keep(String setCookie) {
		String pair = setCookie.split(";", 2)[0];
		int equals = pair.indexOf('=');
		this.cookies.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
