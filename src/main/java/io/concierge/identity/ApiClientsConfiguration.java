package io.concierge.identity;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

import io.concierge.shared.SecretSeal;

/**
 * The authorization server's parts kept in PostgreSQL, so every node issues and accepts
 * the same tokens: the clients, the tokens issued, and the key they are signed with.
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
	JWKSource<SecurityContext> tokenSigningKeys(JdbcClient jdbc, Clock clock, SecretSeal seal) {
		return new TokenSigningKeys(jdbc, clock, seal);
	}

	@Bean
	JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
		return NimbusJwtDecoder.withJwkSource(keys).build();
	}

	/**
	 * The RSA key tokens are signed with: made by the first node that needs one, read by
	 * the others; stored sealed.
	 */
	static final class TokenSigningKeys implements JWKSource<SecurityContext> {

		private static final String PURPOSE = "oauth2-signing-key:";

		private final JdbcClient jdbc;

		private final Clock clock;

		private final SecretSeal seal;

		private volatile JWKSet keys;

		TokenSigningKeys(JdbcClient jdbc, Clock clock, SecretSeal seal) {
			this.jdbc = jdbc;
			this.clock = clock;
			this.seal = seal;
		}

		@Override
		public List<JWK> get(JWKSelector selector, SecurityContext context) {
			JWKSet loaded = this.keys;
			if (loaded == null) {
				loaded = load();
				this.keys = loaded;
			}
			return selector.select(loaded);
		}

		private synchronized JWKSet load() {
			this.seal.sealStored(this.jdbc, "oauth2_signing_key", "kid", "jwk", PURPOSE);
			List<String> stored = stored();
			if (stored.isEmpty()) {
				RSAKey key = generate();
				// one key, whichever node made it first
				this.jdbc
					.sql("insert into oauth2_signing_key (kid, jwk, created_at) values (?, ?, ?)"
							+ " on conflict (slot) do nothing")
					.params(key.getKeyID(), this.seal.seal(key.toJSONString(), PURPOSE + key.getKeyID()),
							this.clock.instant().atOffset(ZoneOffset.UTC))
					.update();
				stored = stored();
			}
			try {
				return new JWKSet(List.of(JWK.parse(stored.getFirst())));
			}
			catch (ParseException ex) {
				throw new IllegalStateException("The stored token signing key cannot be read", ex);
			}
		}

		private List<String> stored() {
			return this.jdbc.sql("select kid, jwk from oauth2_signing_key")
				.query((rs, n) -> this.seal.open(rs.getString("jwk"), PURPOSE + rs.getString("kid")))
				.list();
		}

		private static RSAKey generate() {
			try {
				KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
				generator.initialize(2048);
				KeyPair pair = generator.generateKeyPair();
				return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
					.keyID(UUID.randomUUID().toString())
					.build();
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
