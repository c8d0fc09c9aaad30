package io.concierge.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Integration clients of the OAuth 2.0 {@code client_credentials} grant: a warehouse's,
 * an ERP's or a partner's system asks {@code POST /oauth2/token} with its id and secret
 * for a token of its scopes (valid 15 minutes), and calls the API with it. The
 * recommended way for systems; API keys stay supported. The secret is shown once and kept
 * hashed.
 */
@Service
public class ApiClients {

	static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);

	private final RegisteredClientRepository clients;

	private final JdbcClient jdbc;

	private final PasswordEncoder passwords;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ApiClientsConfiguration.TokenSigningKeys signingKeys;

	ApiClients(RegisteredClientRepository clients, JdbcClient jdbc, PasswordEncoder passwords,
			ApplicationEventPublisher events, Clock clock, ApiClientsConfiguration.TokenSigningKeys signingKeys) {
		this.signingKeys = signingKeys;
		this.clients = clients;
		this.jdbc = jdbc;
		this.passwords = passwords;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * A client as listed.
	 */
	public record ApiClient(String id, String clientId, String name, Set<String> scopes, Instant issuedAt) {

	}

	/**
	 * A new client's credentials, to be shown once.
	 *
	 * @param id the registered client's id, which its callers are known by
	 * ({@link ApiKeys.ApiClient#id()})
	 */
	public record Credentials(String clientId, String clientSecret, String id) {

	}

	/**
	 * @throws IllegalArgumentException when the name is empty or odd, or a scope unknown
	 */
	@Transactional
	public Credentials create(String name, Set<String> scopes, String actor, String origin) {
		String trimmed = name.strip();
		if (!ApiKeys.NAME.matcher(trimmed).matches()) {
			throw new IllegalArgumentException("Name the client with up to 80 letters, digits and spaces");
		}
		if (scopes.isEmpty() || !ApiKeys.SCOPES.containsAll(scopes)) {
			throw new IllegalArgumentException("Unknown scopes: " + scopes);
		}
		String clientId = "cc_" + UUID.randomUUID().toString().replace("-", "");
		String secret = Secrets.randomToken();
		Instant now = this.clock.instant();
		String id = UUID.randomUUID().toString();
		this.clients.save(RegisteredClient.withId(id)
			.clientId(clientId)
			.clientIdIssuedAt(now)
			.clientSecret(this.passwords.encode(secret))
			.clientName(trimmed)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scopes((granted) -> granted.addAll(scopes))
			.tokenSettings(TokenSettings.builder().accessTokenTimeToLive(TOKEN_LIFETIME).build())
			.build());
		this.events.publishEvent(
				new ApiKeys.ApiKeyChanged(actor, trimmed + " (" + clientId + ")", "client-created", origin, now));
		return new Credentials(clientId, secret, id);
	}

	/**
	 * Replaces the key access tokens are signed with by a new one (a new {@code kid});
	 * tokens signed before keep working until they expire, as the old key keeps verifying
	 * for a day. Keys are also replaced by themselves after 90 days
	 * ({@code concierge.identity.oauth.signing-key-lifetime}).
	 * @return the new key's {@code kid}
	 */
	@Transactional
	public String rotateSigningKey(String actor, String origin) {
		String kid = this.signingKeys.rotate();
		this.events.publishEvent(new ApiKeys.ApiKeyChanged(actor, "token signing key " + kid, "signing-key-rotated",
				origin, this.clock.instant()));
		return kid;
	}

	@Transactional(readOnly = true)
	public List<ApiClient> list() {
		return this.jdbc
			.sql("select id, client_id, client_name, scopes, client_id_issued_at from oauth2_registered_client"
					+ " order by client_id_issued_at desc")
			.query((row, n) -> new ApiClient(row.getString(1), row.getString(2), row.getString(3),
					Set.copyOf(Arrays.asList(row.getString(4).split(","))),
					row.getObject(5, OffsetDateTime.class).toInstant()))
			.list();
	}

	/**
	 * Removes a client: it gets no more tokens, and the ones it has stop working.
	 * @return whether there was one
	 */
	@Transactional
	public boolean revoke(String id, String actor, String origin) {
		this.jdbc.sql("delete from oauth2_authorization where registered_client_id = ?").param(id).update();
		List<String> removed = this.jdbc
			.sql("delete from oauth2_registered_client where id = ? returning client_name || ' (' || client_id || ')'")
			.param(id)
			.query(String.class)
			.list();
		removed.forEach((client) -> this.events
			.publishEvent(new ApiKeys.ApiKeyChanged(actor, client, "client-revoked", origin, this.clock.instant())));
		return !removed.isEmpty();
	}

	/**
	 * The client a token was issued to, as the API knows its callers, with the token's
	 * scopes; empty when the client was revoked since (its tokens stop working at once).
	 */
	@Transactional(readOnly = true)
	public Optional<ApiKeys.ApiClient> authenticate(String clientId, Set<String> scopes) {
		return this.jdbc.sql("select id, client_name from oauth2_registered_client where client_id = ?")
			.param(clientId)
			.query((row, n) -> new ApiKeys.ApiClient(UUID.fromString(row.getString(1)), row.getString(2), scopes))
			.optional();
	}

}
