package io.concierge.orders;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries out a request once per caller and {@code Idempotency-Key}: a repeat gets the
 * first answer again and changes nothing. The key is claimed in the same transaction as
 * the change, so a repeat sent while the first still runs waits for it, and a request
 * that fails leaves the key free to try again. Keys are kept for a day.
 */
@Component
public class IdempotentRequests {

	static final Duration KEPT = Duration.ofDays(1);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	IdempotentRequests(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * What a request answered.
	 */
	public record Answer(int status, String body) {

	}

	/**
	 * The key was used before for a different request.
	 */
	public static class KeyReused extends RuntimeException {

		KeyReused() {
			super("This Idempotency-Key was used for a different request");
		}

	}

	/**
	 * @param fingerprint what the request asks for (method, path and body), so a key is
	 * not reused for something else
	 * @throws KeyReused when the key came with a different request before
	 */
	public Answer once(String caller, String key, String fingerprint, Supplier<Answer> request) {
		if (key.isBlank() || key.length() > 255) {
			throw new InvalidChange("change.error.key");
		}
		return this.transactions.execute((status) -> {
			int claimed = this.jdbc.sql("""
					insert into idempotent_request (caller, key, fingerprint, created_at) values (?, ?, ?, ?)
					on conflict do nothing""")
				.params(caller, key, fingerprint, this.clock.instant().atOffset(ZoneOffset.UTC))
				.update();
			if (claimed == 0) {
				return this.jdbc
					.sql("select fingerprint, status, body from idempotent_request where caller = ? and key = ?")
					.params(caller, key)
					.query((row, n) -> {
						if (!row.getString("fingerprint").equals(fingerprint)) {
							throw new KeyReused();
						}
						return new Answer(row.getInt("status"), row.getString("body"));
					})
					.single();
			}
			Answer answer = request.get();
			this.jdbc.sql("update idempotent_request set status = ?, body = ? where caller = ? and key = ?")
				.params(answer.status(), answer.body(), caller, key)
				.update();
			return answer;
		});
	}

	@Scheduled(fixedDelay = 3_600_000, initialDelay = 60_000)
	void forgetOldKeys() {
		this.jdbc.sql("delete from idempotent_request where created_at < ?")
			.param(this.clock.instant().minus(KEPT).atOffset(ZoneOffset.UTC))
			.update();
	}

}
