package io.concierge.privacy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.shared.PersonalData.Erased;
import io.concierge.shared.SecretSeal;

/**
 * Signs deletion receipts (a JWS with ES256) and checks them: the newest key signs, and
 * is replaced after a year or when {@link #rotateKey} is asked; every key's public half
 * is published at {@code /.well-known/jwks.json} for ever, so anyone can check a receipt
 * without asking Concierge.
 */
@Service
public class DeletionReceipts {

	static final String ISSUER = "concierge";

	private static final String PURPOSE = "receipt-key:";

	static final java.time.Duration KEY_LIFETIME = java.time.Duration.ofDays(365);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final SecretSeal seal;

	DeletionReceipts(JdbcClient jdbc, Clock clock, SecretSeal seal) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.seal = seal;
	}

	/**
	 * What a receipt says, once its signature was checked.
	 */
	public record Receipt(String id, String account, java.time.Instant requestedAt, java.time.Instant erasedAt,
			List<Map<String, Object>> classes) {

	}

	/**
	 * Signs the receipt of one account's erasure.
	 */
	@Transactional
	String sign(UUID account, java.time.Instant requestedAt, List<Erased> done) {
		ECKey key = key();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER)
			.jwtID(UUID.randomUUID().toString())
			.subject("account:" + account)
			.issueTime(Date.from(this.clock.instant()))
			.claim("requested_at", requestedAt.atOffset(ZoneOffset.UTC).toString())
			.claim("classes",
					done.stream()
						.map((erased) -> Map.<String, Object>of("class", erased.dataClass(), "outcome",
								erased.outcome().name().toLowerCase(java.util.Locale.ROOT), "records", erased.rows()))
						.toList())
			.build();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
				claims);
		try {
			jwt.sign(new ECDSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("A receipt cannot be signed", ex);
		}
		return jwt.serialize();
	}

	/**
	 * Checks a receipt's signature against the published keys.
	 * @return what it says, or empty when it is not a receipt of ours or was altered
	 */
	@Transactional(readOnly = true)
	public Optional<Receipt> verify(String token) {
		try {
			SignedJWT jwt = SignedJWT.parse(token.strip());
			if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
				return Optional.empty();
			}
			// the keys as stored: checking makes none, even when the newest is due to be
			// replaced (signing does that)
			Optional<ECKey> key = stored().getKeys()
				.stream()
				.filter((candidate) -> candidate.getKeyID().equals(jwt.getHeader().getKeyID()))
				.map(ECKey.class::cast)
				.findFirst();
			if (key.isEmpty() || !jwt.verify(new ECDSAVerifier(key.get()))) {
				return Optional.empty();
			}
			JWTClaimsSet claims = jwt.getJWTClaimsSet();
			if (!ISSUER.equals(claims.getIssuer()) || claims.getSubject() == null) {
				return Optional.empty();
			}
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> classes = (List<Map<String, Object>>) (List<?>) claims.getListClaim("classes");
			return Optional.of(new Receipt(claims.getJWTID(), claims.getSubject().substring("account:".length()),
					java.time.OffsetDateTime.parse(claims.getStringClaim("requested_at")).toInstant(),
					claims.getIssueTime().toInstant(), classes));
		}
		catch (ParseException | JOSEException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The public keys receipts are checked with, as a JWK set.
	 */
	@Transactional
	public JWKSet publicKeys() {
		key();
		return stored();
	}

	private JWKSet stored() {
		return new JWKSet(this.jdbc.sql("select kid, jwk from receipt_key order by created_at")
			.query(this::opened)
			.list()
			.stream()
			.map((key) -> (com.nimbusds.jose.jwk.JWK) key.toPublicJWK())
			.toList());
	}

	/**
	 * Seals the keys stored before they were sealed, once at start.
	 */
	@EventListener(ApplicationReadyEvent.class)
	@Transactional
	void sealStored() {
		this.seal.sealStored(this.jdbc, "receipt_key", "kid", "jwk", PURPOSE);
	}

	/**
	 * Makes a new key to sign receipts with from now on (a new {@code kid}); the keys
	 * before it keep only their public half, published for ever, so every receipt signed
	 * before can still be checked. Keys are also replaced by themselves after a year.
	 * @return the new key's {@code kid}
	 */
	@Transactional
	public String rotateKey() {
		lock();
		return make().getKeyID();
	}

	/**
	 * The newest key, made when there is none or it is older than a year; the private key
	 * is stored sealed.
	 */
	private ECKey key() {
		lock();
		record Newest(ECKey key, java.time.Instant createdAt) {
		}
		return this.jdbc.sql("select kid, jwk, created_at from receipt_key order by created_at desc limit 1")
			.query((row, n) -> new Newest(opened(row, n),
					row.getObject("created_at", java.time.OffsetDateTime.class).toInstant()))
			.optional()
			.filter((newest) -> newest.key().isPrivate()
					&& newest.createdAt().plus(KEY_LIFETIME).isAfter(this.clock.instant()))
			.map(Newest::key)
			.orElseGet(this::make);
	}

	private void lock() {
		this.jdbc.sql("select pg_advisory_xact_lock(hashtext('privacy.receipt-key'))").query().listOfRows();
	}

	private ECKey make() {
		List<ECKey> before = this.jdbc.sql("select kid, jwk from receipt_key").query(this::opened).list();
		for (ECKey old : before) {
			// retired: it signs no more, so its private half is not kept
			this.jdbc.sql("update receipt_key set jwk = ? where kid = ?")
				.params(this.seal.seal(old.toPublicJWK().toJSONString(), PURPOSE + old.getKeyID()), old.getKeyID())
				.update();
		}
		try {
			ECKey made = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
			this.jdbc.sql("insert into receipt_key (kid, jwk, created_at) values (?, ?, ?)")
				.params(made.getKeyID(), this.seal.seal(made.toJSONString(), PURPOSE + made.getKeyID()),
						this.clock.instant().atOffset(ZoneOffset.UTC))
				.update();
			return made;
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("No key for receipts can be made", ex);
		}
	}

	private ECKey opened(ResultSet row, int n) throws SQLException {
		return parse(this.seal.open(row.getString("jwk"), PURPOSE + row.getString("kid")));
	}

	private static ECKey parse(String json) {
		try {
			return ECKey.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("A receipt key is unreadable", ex);
		}
	}

}
