package io.concierge.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brute-force protection after Keycloak's: failed sign-ins are counted per account (its
 * email, in any case) and per network address. From the fifth failure in a row an account
 * is locked for a minute, then two, four, eight, at most fifteen; an address from the
 * twentieth, for fifteen minutes. A correct sign-in resets the account's count; an
 * address's count fades after fifteen quiet minutes. Locked or not, the person signing in
 * sees the same message.
 */
@Component
class SignInThrottle {

	static final int ACCOUNT_FAILURES_BEFORE_LOCK = 5;

	static final int ADDRESS_FAILURES_BEFORE_LOCK = 20;

	static final Duration MAX_LOCK = Duration.ofMinutes(15);

	static final Duration ADDRESS_MEMORY = Duration.ofMinutes(15);

	private final JdbcClient jdbc;

	private final Clock clock;

	SignInThrottle(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Whether the account or the address is locked now.
	 */
	@Transactional(readOnly = true)
	boolean locked(String email, String address) {
		Instant now = this.clock.instant();
		return lockedUntil(accountKey(email)).filter(now::isBefore).isPresent()
				|| lockedUntil(addressKey(address)).filter(now::isBefore).isPresent();
	}

	/**
	 * Counts a failure against both; true when this failure locked the account.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	boolean failed(String email, String address) {
		Instant now = this.clock.instant();
		int accountFailures = count(accountKey(email), now, null);
		int addressFailures = count(addressKey(address), now, now.minus(ADDRESS_MEMORY));
		if (addressFailures >= ADDRESS_FAILURES_BEFORE_LOCK) {
			lock(addressKey(address), now.plus(MAX_LOCK));
		}
		if (accountFailures >= ACCOUNT_FAILURES_BEFORE_LOCK) {
			lock(accountKey(email), now.plus(lockFor(accountFailures)));
			return true;
		}
		return false;
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void succeeded(String email) {
		this.jdbc.sql("delete from sign_in_throttle where key = ?").param(accountKey(email)).update();
	}

	/**
	 * One minute at the fifth failure, doubling with each further one, at most fifteen.
	 */
	static Duration lockFor(int failures) {
		int doublings = Math.min(failures - ACCOUNT_FAILURES_BEFORE_LOCK, 4);
		Duration lock = Duration.ofMinutes(1L << Math.max(doublings, 0));
		return (lock.compareTo(MAX_LOCK) > 0) ? MAX_LOCK : lock;
	}

	/**
	 * Adds a failure; a count whose last failure is older than {@code forgetBefore}
	 * starts again.
	 */
	private int count(String key, Instant now, @Nullable Instant forgetBefore) {
		OffsetDateTime forget = ((forgetBefore != null) ? forgetBefore : Instant.EPOCH).atOffset(ZoneOffset.UTC);
		return this.jdbc
			.sql("""
					insert into sign_in_throttle (key, failures, last_failure_at) values (?, 1, ?)
					on conflict (key) do update set
					  failures = case when sign_in_throttle.last_failure_at < ? then 1 else sign_in_throttle.failures + 1 end,
					  last_failure_at = excluded.last_failure_at
					returning failures""")
			.params(key, now.atOffset(ZoneOffset.UTC), forget)
			.query(Integer.class)
			.single();
	}

	private void lock(String key, Instant until) {
		this.jdbc.sql("update sign_in_throttle set locked_until = ? where key = ?")
			.params(until.atOffset(ZoneOffset.UTC), key)
			.update();
	}

	private Optional<Instant> lockedUntil(String key) {
		return this.jdbc.sql("select locked_until from sign_in_throttle where key = ? and locked_until is not null")
			.param(key)
			.query((row, number) -> row.getObject(1, OffsetDateTime.class).toInstant())
			.optional();
	}

	private static String accountKey(String email) {
		return "account:" + email;
	}

	private static String addressKey(String address) {
		return "address:" + address;
	}

}
