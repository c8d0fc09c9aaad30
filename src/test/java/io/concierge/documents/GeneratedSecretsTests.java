package io.concierge.documents;

import java.time.Clock;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.concierge.IntegrationTest;
import io.concierge.shared.GeneratedSecrets;
import io.concierge.shared.SecretSeal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A secret nobody configured is made once, of 256 random bits, and kept sealed in the
 * database: every node sharing it, and every restart, signs with the same one.
 */
@IntegrationTest
class GeneratedSecretsTests {

	@Autowired
	GeneratedSecrets secrets;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SecretSeal seal;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void aSecretIsMadeOnceKeptSealedAndTheSameForAnotherNode() {
		String name = "test." + UUID.randomUUID();

		String secret = this.secrets.named(name);

		assertThat(secret).hasSize(43).matches("[A-Za-z0-9_-]+");
		assertThat(this.secrets.named(name)).isEqualTo(secret);
		assertThat(this.secrets.named(name + ".other")).isNotEqualTo(secret);
		assertThat(stored(name)).startsWith(SecretSeal.PREFIX).doesNotContain(secret);
		GeneratedSecrets anotherNode = new StoredGeneratedSecrets(this.jdbc, this.seal, this.transactions,
				Clock.systemUTC());
		assertThat(anotherNode.named(name)).isEqualTo(secret);
	}

	@Test
	void aSecretOnceMadeStaysThoughTheTransactionThatAskedForItIsRolledBack() {
		String name = "test." + UUID.randomUUID();

		String secret = new TransactionTemplate(this.transactions).execute((status) -> {
			status.setRollbackOnly();
			return this.secrets.named(name);
		});

		assertThat(stored(name)).isNotNull();
		GeneratedSecrets anotherNode = new StoredGeneratedSecrets(this.jdbc, this.seal, this.transactions,
				Clock.systemUTC());
		assertThat(anotherNode.named(name)).isEqualTo(secret);
	}

	private String stored(String name) {
		return this.jdbc.sql("select secret from generated_secret where name = ?")
			.param(name)
			.query(String.class)
			.single();
	}

}
