package io.concierge.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.concierge.shared.AuditableEvent;

/**
 * Refusals that may be someone probing: wrong API keys, tokens and client secrets, the
 * security chain's {@code 403}s, {@code 404}s for what is not the caller's, refused
 * signatures of senders, rate-limit refusals. Each goes to the audit trail, but at most
 * so many of one kind from one address a minute ({@code concierge.audit.security-events}
 * , 10 by default), counted in the database like the rate limits; the first one over is
 * written as a summary ({@code <action>.suppressed}) and the rest of that minute are not,
 * so a flood of refusals cannot flood the trail. Recording never changes the answer: when
 * the database cannot take it, it is logged and the refusal goes out as it was.
 */
@Component
public class SecurityEvents {

	private static final Logger log = LoggerFactory.getLogger(SecurityEvents.class);

	static final Duration WINDOW = Duration.ofMinutes(1);

	/**
	 * What was refused, with its action in the audit trail.
	 */
	public enum Kind {

		/** A wrong, unknown or revoked API key, access token or OAuth client secret. */
		CREDENTIALS_REFUSED("security.credentials.refused"),
		/**
		 * The security chain's {@code 403}: a role or scope missing, a CSRF token wrong.
		 */
		ACCESS_DENIED("security.access.denied"),
		/** Something asked for that does not exist or is someone else's. */
		NOT_FOUND("security.not-found"),
		/**
		 * A sender's (intake channel's, tracking service's) signature missing or wrong.
		 */
		SIGNATURE_REFUSED("security.signature.refused"),
		/** A request refused with {@code 429} for being over a limit. */
		RATE_LIMITED("security.rate-limited");

		private final String action;

		Kind(String action) {
			this.action = action;
		}

		public String action() {
			return this.action;
		}

	}

	/**
	 * A refusal as the audit trail keeps it.
	 */
	public record SecurityEvent(String actor, String action, String subject, String origin,
			Instant occurredAt) implements AuditableEvent {

	}

	private final RateLimits limits;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final int perMinute;

	private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

	private volatile long minute;

	SecurityEvents(RateLimits limits, ApplicationEventPublisher events, PlatformTransactionManager transactions,
			Clock clock, @Value("${concierge.audit.security-events:10}") int perMinute) {
		this.limits = limits;
		this.events = events;
		this.transactions = new TransactionTemplate(transactions);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
		this.perMinute = perMinute;
	}

	/**
	 * Records a refusal, in a transaction of its own so it stays when the request's work
	 * rolls back.
	 * @param actor who was refused, as far as known: an email address, a client,
	 * {@code anonymous}
	 * @param subject what was asked for, such as {@code GET /api/orders/42}
	 * @param origin the network address it came from
	 */
	public void record(Kind kind, String actor, String subject, String origin) {
		String key = "security-event:" + kind.name() + ":" + origin;
		if (pastLimitOnThisNode(key)) {
			return;
		}
		try {
			this.transactions.executeWithoutResult((status) -> {
				int hits = this.limits.hits(key, WINDOW);
				if (hits <= this.perMinute) {
					publish(actor, kind.action(), subject, origin);
				}
				else if (hits == this.perMinute + 1) {
					log.warn("More than {} {} a minute from {}: the rest of this minute's are not audited",
							this.perMinute, kind.action(), origin);
					publish(actor, kind.action() + ".suppressed",
							"more than " + this.perMinute
									+ " a minute from this address; the rest of this minute's are not recorded",
							origin);
				}
			});
		}
		catch (RuntimeException ex) {
			log.warn("Could not audit {} by {} from {}: {}", kind.action(), actor, origin, ex.toString());
		}
	}

	/**
	 * Whether this node alone saw more than the limit and its summary from the address
	 * this minute: every node together saw at least as many, so the database would record
	 * nothing either, and a flood is refused without a transaction per refusal.
	 */
	private boolean pastLimitOnThisNode(String key) {
		long minute = this.clock.millis() / WINDOW.toMillis();
		if (minute != this.minute) {
			this.seen.clear();
			this.minute = minute;
		}
		return this.seen.computeIfAbsent(key, (ignored) -> new AtomicInteger()).incrementAndGet() > this.perMinute + 1;
	}

	private void publish(String actor, String action, String subject, String origin) {
		this.events
			.publishEvent(new SecurityEvent(limit(actor), action, limit(subject), limit(origin), this.clock.instant()));
	}

	/** Values from outside are kept, but not at any length. */
	private static String limit(String value) {
		return (value.length() > 200) ? value.substring(0, 200) + "…" : value;
	}

}
