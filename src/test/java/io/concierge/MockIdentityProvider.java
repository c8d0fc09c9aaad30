package io.concierge;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.Headers;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * An OpenID Connect provider for the tests (no.nav.security:mock-oauth2-server on a free
 * local port), started once per test JVM before the first Spring context and registered
 * with it as "Acme ID", the way an administrator would register Keycloak or Entra ID.
 */
public final class MockIdentityProvider implements EnvironmentPostProcessor, Ordered {

	public static final String ISSUER = "acme";

	private static MockOAuth2Server server;

	private static final AtomicReference<String> forgedTokenResponse = new AtomicReference<>();

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String prefix = "spring.security.oauth2.client.";
		environment.getPropertySources()
			.addLast(new MapPropertySource("mockIdentityProvider",
					Map.of(prefix + "registration.acme.client-id", "concierge",
							prefix + "registration.acme.client-secret", "test-secret",
							prefix + "registration.acme.scope", "openid,email,profile",
							prefix + "registration.acme.client-name", "Acme ID", prefix + "provider.acme.issuer-uri",
							server().issuerUrl(ISSUER).toString())));
	}

	/**
	 * The provider itself, for tests that make it answer wrongly.
	 */
	public static synchronized MockOAuth2Server server() {
		if (server == null) {
			server = new MockOAuth2Server(new ForgedTokenResponse());
			server.start();
			Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
		}
		return server;
	}

	/**
	 * The provider signs the next visitor in as this user, without asking.
	 */
	public static void nextSignIn(String subject, String email, boolean emailVerified, String name) {
		nextSignIn(subject, email, emailVerified, name, Map.of());
	}

	/**
	 * The same, with claims of its own in the ID token (such as {@code amr} or
	 * {@code acr}).
	 */
	public static void nextSignIn(String subject, String email, boolean emailVerified, String name,
			Map<String, Object> claims) {
		Map<String, Object> all = new java.util.HashMap<>(claims);
		all.putAll(Map.of("email", email, "email_verified", emailVerified, "name", name));
		server()
			.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER, subject, "JWT", List.of("concierge"), all, 3600));
	}

	/**
	 * The provider's token endpoint answers the next code with this body, whatever the
	 * provider would have: a token response someone else made.
	 */
	public static void nextTokenResponse(String json) {
		forgedTokenResponse.set(json);
	}

	/**
	 * Answers a token request with the response set by {@link #nextTokenResponse}, once.
	 */
	private static final class ForgedTokenResponse implements Route {

		@Override
		public boolean match(OAuth2HttpRequest request) {
			return forgedTokenResponse.get() != null && request.getUrl().encodedPath().endsWith("/token");
		}

		@Override
		public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
			return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json"), 200,
					forgedTokenResponse.getAndSet(null), null);
		}

	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
