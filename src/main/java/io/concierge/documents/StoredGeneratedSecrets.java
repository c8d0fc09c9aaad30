package io.concierge.documents;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.concierge.shared.GeneratedSecrets;
import io.concierge.shared.SecretSeal;

/**
 * Makes each secret once, in a transaction of its own so that a caller's rollback cannot
 * take back a secret this node already uses; when two nodes make one at the same time,
 * the first one stored wins and both read it back. Kept in memory once read.
 */
@Component
class StoredGeneratedSecrets implements GeneratedSecrets {

	private static final String PURPOSE = "generated-secret:";

	private static final int BYTES = 32;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, String> known = new ConcurrentHashMap<>();

	private final JdbcClient jdbc;

	private final SecretSeal seal;

	private final TransactionTemplate ownTransaction;

	private final Clock clock;

	StoredGeneratedSecrets(JdbcClient jdbc, SecretSeal seal, PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.seal = seal;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	@Override
	public String named(String name) {
		return this.known.computeIfAbsent(name, (unknown) -> this.ownTransaction.execute((status) -> load(unknown)));
	}

	private String load(String name) {
		byte[] made = new byte[BYTES];
		this.random.nextBytes(made);
		this.jdbc.sql("""
				insert into generated_secret (name, secret, created_at) values (?, ?, ?)
				on conflict (name) do nothing""")
			.params(name, this.seal.seal(Base64.getUrlEncoder().withoutPadding().encodeToString(made), PURPOSE + name),
					this.clock.instant().atOffset(ZoneOffset.UTC))
			.update();
		String stored = this.jdbc.sql("select secret from generated_secret where name = ?")
			.param(name)
			.query(String.class)
			.single();
		return this.seal.open(stored, PURPOSE + name);
	}

}
