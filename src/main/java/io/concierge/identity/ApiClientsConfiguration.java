package io.concierge.identity;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

import io.concierge.shared.SecretSeal;

/**
 * The authorization server's parts kept in PostgreSQL, so every node issues and accepts
 * the same tokens: the clients, the tokens issued, and the keys they are signed with.
 */
@Configuration(proxyBeanMethods = false)
class ApiClientsConfiguration {

	@Bean
	RegisteredClientRepository registeredClientRepository(JdbcOperations jdbc) {
		return new JdbcRegisteredClientRepository(jdbc);
	}

	@Bean
	OAuth2AuthorizationService authorizationService(JdbcOperations jdbc, RegisteredClientRepository clients) {
		return new JdbcOAuth2AuthorizationService(jdbc, clients);
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings() {
		return AuthorizationServerSettings.builder().build();
	}

	@Bean
	TokenSigningKeys tokenSigningKeys(JdbcClient jdbc, Clock clock, SecretSeal seal,
			@Value("${concierge.identity.oauth.signing-key-lifetime:P90D}") Duration lifetime) {
		return new TokenSigningKeys(jdbc, clock, seal, lifetime);
	}

	/**
	 * Tokens are signed with ES256 by the current key, named by its {@code kid}.
	 */
	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> tokenSigningKeyCustomizer(TokenSigningKeys keys) {
		return (context) -> context.getJwsHeader().algorithm(SignatureAlgorithm.ES256).keyId(keys.currentKeyId());
	}

	/**
	 * Verifies tokens by the key their {@code kid} names: the current one or one retired
	 * less than a day ago; RS256 only for the tokens of the RSA key of before, until it
	 * is gone.
	 */
	@Bean
	JwtDecoder jwtDecoder(TokenSigningKeys keys) {
		return NimbusJwtDecoder.withJwkSource(keys)
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
	}

	/**
	 * The keys tokens are signed and verified with, kept sealed in
	 * {@code oauth2_signing_key}: one current P-256 key signs; the node that finds none,
	 * or finds it RSA or older than its lifetime (90 days), retires it and makes the next
	 * (a new {@code kid}). A retired key keeps verifying for a day, far longer than the
	 * tokens it signed live ({@link ApiClients#TOKEN_LIFETIME}), then is deleted. Every
	 * node reads the keys again each minute, and at once when a token names a key it does
	 * not know.
	 */
	static final class TokenSigningKeys implements JWKSource<SecurityContext> {

		private static final String PURPOSE = "oauth2-signing-key:";

		static final Duration KEPT_AFTER_RETIRED = Duration.ofDays(1);

		private static final Duration REFRESH = Duration.ofMinutes(1);

		private static final Duration REFRESH_ON_UNKNOWN_KEY = Duration.ofSeconds(5);

		private final JdbcClient jdbc;

		private final Clock clock;

		private final SecretSeal seal;

		private final Duration lifetime;

		private volatile @Nullable Loaded loaded;

		private record Loaded(JWKSet keys, String current, Instant at) {
		}

		private record Stored(String kid, JWK key, Instant createdAt, @Nullable Instant retiredAt) {
		}

		TokenSigningKeys(JdbcClient jdbc, Clock clock, SecretSeal seal, Duration lifetime) {
			this.jdbc = jdbc;
			this.clock = clock;
			this.seal = seal;
			this.lifetime = lifetime;
		}

		@Override
		public List<JWK> get(JWKSelector selector, SecurityContext context) {
			Loaded keys = fresh();
			List<JWK> found = selector.select(keys.keys());
			if (found.isEmpty() && keys.at().plus(REFRESH_ON_UNKNOWN_KEY).isBefore(this.clock.instant())) {
				found = selector.select(load().keys());
			}
			return found;
		}

		/**
		 * The {@code kid} of the key that signs now.
		 */
		String currentKeyId() {
			return fresh().current();
		}

		/**
		 * Retires the current key (it keeps verifying for a day) and makes a new one.
		 * @return the new key's {@code kid}
		 */
		synchronized String rotate() {
			Instant now = this.clock.instant();
			this.jdbc.sql("update oauth2_signing_key set retired_at = ? where retired_at is null")
				.param(now.atOffset(ZoneOffset.UTC))
				.update();
			return load().current();
		}

		/**
		 * Reads the keys again now rather than within the minute, as after a restore.
		 * @return the current key's {@code kid}
		 */
		String reloadedCurrentKeyId() {
			return load().current();
		}

		private Loaded fresh() {
			Loaded keys = this.loaded;
			if (keys == null || keys.at().plus(REFRESH).isBefore(this.clock.instant())) {
				keys = load();
			}
			return keys;
		}

		private synchronized Loaded load() {
			this.seal.sealStored(this.jdbc, "oauth2_signing_key", "kid", "jwk", PURPOSE);
			Instant now = this.clock.instant();
			List<Stored> stored = stored();
			Stored current = stored.stream().filter((key) -> key.retiredAt() == null).findFirst().orElse(null);
			if (current != null
					&& (!(current.key() instanceof ECKey) || current.createdAt().plus(this.lifetime).isBefore(now))) {
				// only the node that retires it makes the next one
				if (this.jdbc.sql("update oauth2_signing_key set retired_at = ? where kid = ? and retired_at is null")
					.params(now.atOffset(ZoneOffset.UTC), current.kid())
					.update() == 1) {
					current = null;
				}
			}
			if (current == null) {
				ECKey key = generate();
				this.jdbc.sql(
						"insert into oauth2_signing_key (kid, jwk, created_at) values (?, ?, ?) on conflict do nothing")
					.params(key.getKeyID(), this.seal.seal(key.toJSONString(), PURPOSE + key.getKeyID()),
							now.atOffset(ZoneOffset.UTC))
					.update();
			}
			this.jdbc.sql("delete from oauth2_signing_key where retired_at < ?")
				.param(now.minus(KEPT_AFTER_RETIRED).atOffset(ZoneOffset.UTC))
				.update();
			stored = stored();
			String currentKid = stored.stream()
				.filter((key) -> key.retiredAt() == null)
				.map(Stored::kid)
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No current token signing key"));
			Loaded keys = new Loaded(new JWKSet(stored.stream().map(Stored::key).toList()), currentKid, now);
			this.loaded = keys;
			return keys;
		}

		private List<Stored> stored() {
			return this.jdbc
				.sql("select kid, jwk, created_at, retired_at from oauth2_signing_key order by created_at desc")
				.query((rs, n) -> {
					String kid = rs.getString("kid");
					try {
						OffsetDateTime retired = rs.getObject("retired_at", OffsetDateTime.class);
						return new Stored(kid, JWK.parse(this.seal.open(rs.getString("jwk"), PURPOSE + kid)),
								rs.getObject("created_at", OffsetDateTime.class).toInstant(),
								(retired != null) ? retired.toInstant() : null);
					}
					catch (ParseException ex) {
						throw new IllegalStateException("The stored token signing key " + kid + " cannot be read", ex);
					}
				})
				.list();
		}

		private static ECKey generate() {
			try {
				return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString())
					.keyUse(KeyUse.SIGNATURE)
					.algorithm(JWSAlgorithm.ES256)
					.generate();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
