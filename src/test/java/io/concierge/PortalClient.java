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

	public PortalClient signIn(String email, String password) {
		HttpResponse<String> login = get("/login", "text/html");
		Matcher token = CSRF.matcher(login.body());
		if (!token.find()) {
			throw new IllegalStateException("No CSRF token on the sign-in page");
		}
		HttpResponse<String> response = post("/login",
				Map.of("email", email, "password", password, "_csrf", token.group(1)));
		String location = response.headers().firstValue("Location").orElse("");
		if (!location.endsWith("/dashboard")) {
			throw new IllegalStateException("Sign-in failed: " + response.statusCode() + " to " + location);
		}
		return this;
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
