package io.concierge.webhooks;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.shared.AuditableEvent;
import io.concierge.shared.EmailAddress;
import io.concierge.shared.NotFound;
import io.concierge.shared.SecretSeal;

/**
 * The outside systems that receive integration events: administrators subscribe them,
 * switch them off and on, give them a new secret, send a delivery again and read what
 * each attempt got back. The secret is made here and shown once.
 */
@Service
public class WebhookSubscriptions {

	/** The event types a subscriber can choose; none chosen means every type. */
	public static final List<String> EVENT_TYPES = List.of("order.cancellation_requested", "order.lines_cancelled",
			"order.refund_due", "order.address_change_requested", "order.address_changed",
			"order.address_change_refused", "order.return_requested", "order.return_approved", "order.return_rejected",
			"order.return_status_changed", "order.delivery_preferences_changed", "order.change_rejected");

	/** How many deliveries the log shows. */
	public static final int LOG_SIZE = 100;

	private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1");

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String PURPOSE = "webhook-secret:";

	private static final Logger log = LoggerFactory.getLogger(WebhookSubscriptions.class);

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final SecretSeal seal;

	private final WebhookDestinations destinations;

	WebhookSubscriptions(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock, SecretSeal seal,
			WebhookDestinations destinations) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
		this.seal = seal;
		this.destinations = destinations;
	}

	/**
	 * A subscription as administrators describe it.
	 *
	 * @param eventTypes the types it receives; empty for all
	 */
	public record NewSubscription(String name, String url, List<String> eventTypes, String contactEmail) {

	}

	/**
	 * A subscription as the pages show it.
	 *
	 * @param eventTypes the types it receives; empty for all
	 * @param lastDeliveredAt when a delivery last got through
	 * @param failing deliveries given up or still being retried
	 */
	public record Subscription(UUID id, String name, String url, List<String> eventTypes, String contactEmail,
			boolean enabled, @Nullable String disabledReason, @Nullable Instant disabledAt, Instant createdAt,
			@Nullable Instant lastDeliveredAt, int failing) {

		public boolean allTypes() {
			return this.eventTypes.isEmpty();
		}

	}

	/**
	 * One event for one subscriber and what became of it.
	 */
	public record Delivery(UUID id, UUID eventId, String eventType, String subject, Status status, int attempts,
			@Nullable Instant firstAttemptAt, @Nullable Instant nextAttemptAt, @Nullable Integer lastStatusCode,
			@Nullable Instant deliveredAt, Instant createdAt, List<Attempt> tries) {

	}

	/**
	 * One POST: the answer's status code, or what kept it from coming.
	 */
	public record Attempt(Instant at, @Nullable Integer statusCode, @Nullable String error, long durationMs) {

	}

	public enum Status {

		PENDING, DELIVERED, FAILED

	}

	/**
	 * The new subscription and its secret, to be shown once.
	 */
	public record Created(UUID id, String secret) {

	}

	/**
	 * A subscription was made, switched off or on, given a new secret or removed, or a
	 * delivery was sent again.
	 */
	public record WebhookSubscriptionChanged(String actor, String subject, String change, String origin,
			Instant occurredAt) implements AuditableEvent {

		@Override
		public String action() {
			return "webhooks.subscription." + this.change;
		}

	}

	/**
	 * The subscription is not one that can be made: for each field, the message key of
	 * what is wrong.
	 */
	public static class InvalidSubscription extends RuntimeException {

		private final Map<String, String> problems;

		public InvalidSubscription(Map<String, String> problems) {
			super(problems.toString());
			this.problems = Map.copyOf(problems);
		}

		public Map<String, String> problems() {
			return this.problems;
		}

	}

	@Transactional(readOnly = true)
	public List<Subscription> list() {
		return this.jdbc.sql(SELECT + " order by s.name, s.created_at")
			.query(WebhookSubscriptions::subscription)
			.list();
	}

	@Transactional(readOnly = true)
	public Optional<Subscription> find(UUID id) {
		return this.jdbc.sql(SELECT + " where s.id = ?").param(id).query(WebhookSubscriptions::subscription).optional();
	}

	/**
	 * The latest deliveries of a subscription, newest first, each with its attempts.
	 */
	@Transactional(readOnly = true)
	public List<Delivery> deliveries(UUID subscription) {
		Map<UUID, List<Attempt>> attempts = new LinkedHashMap<>();
		this.jdbc.sql("""
				select a.delivery_id, a.attempted_at, a.status_code, a.error, a.duration_ms from webhook_attempt a
				join (select id from webhook_delivery where subscription_id = ? order by created_at desc limit ?) d
				  on d.id = a.delivery_id
				order by a.attempted_at, a.id""").params(subscription, LOG_SIZE).query((rs) -> {
			attempts.computeIfAbsent(rs.getObject("delivery_id", UUID.class), (id) -> new ArrayList<>())
				.add(new Attempt(instant(rs, "attempted_at"), (Integer) rs.getObject("status_code"),
						rs.getString("error"), rs.getLong("duration_ms")));
		});
		return this.jdbc.sql("""
				select * from webhook_delivery where subscription_id = ? order by created_at desc, id limit ?""")
			.params(subscription, LOG_SIZE)
			.query((rs, row) -> {
				UUID id = rs.getObject("id", UUID.class);
				return new Delivery(id, rs.getObject("event_id", UUID.class), rs.getString("event_type"),
						rs.getString("subject"), Status.valueOf(rs.getString("status")), rs.getInt("attempts"),
						instant(rs, "first_attempt_at"),
						"PENDING".equals(rs.getString("status")) ? instant(rs, "next_attempt_at") : null,
						(Integer) rs.getObject("last_status_code"), instant(rs, "delivered_at"),
						instant(rs, "created_at"), attempts.getOrDefault(id, List.of()));
			})
			.list();
	}

	/**
	 * @throws InvalidSubscription naming what is wrong, a destination that is not public
	 * ({@link WebhookDestinations}) too; nothing is stored
	 */
	@Transactional
	public Created create(NewSubscription subscription, String actor, String origin) {
		Map<String, String> problems = problems(subscription);
		if (!problems.isEmpty()) {
			throw new InvalidSubscription(problems);
		}
		WebhookDestinations.Refusal refusal = this.destinations.refusal(URI.create(subscription.url().strip()));
		if (refusal != null) {
			throw new InvalidSubscription(Map.of("url", refusal.messageKey()));
		}
		UUID id = UUID.randomUUID();
		String secret = secret();
		Instant now = this.clock.instant();
		this.jdbc
			.sql("""
					insert into webhook_subscription (id, name, url, secret, event_types, contact_email, enabled, created_at,
					  created_by)
					values (?, ?, ?, ?, ?, ?, true, ?, ?)""")
			.params(id, subscription.name().strip(), subscription.url().strip(), sealed(id, secret),
					String.join(",", subscription.eventTypes()), EmailAddress.of(subscription.contactEmail()).value(),
					utc(now), actor)
			.update();
		changed(id, "created", actor, origin, now);
		return new Created(id, secret);
	}

	/**
	 * Stops sending: its deliveries wait until it is enabled again.
	 */
	@Transactional
	public void disable(UUID id, String actor, String origin) {
		Instant now = this.clock.instant();
		if (this.jdbc.sql("""
				update webhook_subscription set enabled = false, disabled_reason = ?, disabled_at = ?
				where id = ? and enabled""").params("Switched off by " + actor + ".", utc(now), id).update() == 0) {
			name(id);
			return;
		}
		changed(id, "disabled", actor, origin, now);
	}

	/**
	 * Sends again: the deliveries that waited go now, each tried for a whole new period.
	 */
	@Transactional
	public void enable(UUID id, String actor, String origin) {
		Instant now = this.clock.instant();
		existing(this.jdbc.sql("""
				update webhook_subscription set enabled = true, disabled_reason = null, disabled_at = null
				where id = ?""").param(id).update(), id);
		this.jdbc.sql("""
				update webhook_delivery set next_attempt_at = ?, first_attempt_at = null
				where subscription_id = ? and status = 'PENDING'""").params(utc(now), id).update();
		changed(id, "enabled", actor, origin, now);
	}

	/**
	 * A subscription's secret as stored: sealed, bound to the subscription.
	 */
	private String sealed(UUID id, String secret) {
		return this.seal.seal(secret, PURPOSE + id);
	}

	/**
	 * The secret deliveries of the subscription are signed with; none when it cannot be
	 * opened (a keyset that is not the one it was sealed with): the subscription is then
	 * switched off, saying why, and its deliveries wait for a new secret, while the other
	 * subscriptions go on.
	 */
	@Nullable String secret(UUID id, String stored) {
		try {
			return this.seal.open(stored, PURPOSE + id);
		}
		catch (IllegalStateException ex) {
			log.error("The secret of webhook subscription {} cannot be opened; it is switched off: {}", id,
					ex.getMessage());
			this.jdbc.sql("""
					update webhook_subscription set enabled = false, disabled_reason = ?, disabled_at = ?
					where id = ? and enabled""")
				.params("Its secret cannot be read with this installation's keyset: give it a new secret and "
						+ "switch it on again.", utc(this.clock.instant()), id)
				.update();
			return null;
		}
	}

	/**
	 * Seals the secrets stored before they were sealed, once at start.
	 */
	@EventListener(ApplicationReadyEvent.class)
	@Transactional
	void sealStored() {
		this.seal.sealStored(this.jdbc, "webhook_subscription", "id", "secret", PURPOSE);
	}

	/**
	 * A new secret: deliveries are signed with it from the next attempt on.
	 * @return the secret, to be shown once
	 */
	@Transactional
	public String rotateSecret(UUID id, String actor, String origin) {
		String secret = secret();
		Instant now = this.clock.instant();
		existing(this.jdbc.sql("update webhook_subscription set secret = ? where id = ?")
			.params(sealed(id, secret), id)
			.update(), id);
		changed(id, "secret-rotated", actor, origin, now);
		return secret;
	}

	/**
	 * Removes the subscription with its deliveries and their log.
	 */
	@Transactional
	public void remove(UUID id, String actor, String origin) {
		Instant now = this.clock.instant();
		String name = name(id);
		this.jdbc.sql("delete from webhook_subscription where id = ?").param(id).update();
		this.events.publishEvent(new WebhookSubscriptionChanged(actor, name, "removed", origin, now));
	}

	/**
	 * Sends a delivery again, due now and tried for a whole new period; a disabled
	 * subscription's waits until it is enabled.
	 */
	@Transactional
	public void sendAgain(UUID subscription, UUID delivery, String actor, String origin) {
		Instant now = this.clock.instant();
		if (this.jdbc.sql("""
				update webhook_delivery set status = 'PENDING', next_attempt_at = ?, first_attempt_at = null,
				  delivered_at = null
				where id = ? and subscription_id = ?""").params(utc(now), delivery, subscription).update() == 0) {
			throw new NotFound("delivery " + delivery);
		}
		changed(subscription, "delivery-sent-again", actor, origin, now);
	}

	/**
	 * A delivery of the subscription failed for the whole period: it is switched off, and
	 * its contact told, unless it already was.
	 */
	void gaveUp(UUID id, String reason) {
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				update webhook_subscription set enabled = false, disabled_reason = ?, disabled_at = ?
				where id = ? and enabled
				returning name, url, contact_email""")
			.params(reason, utc(now), id)
			.query((rs, row) -> new WebhookSubscriptionDisabled(id, rs.getString("name"), rs.getString("url"),
					rs.getString("contact_email"), reason, now))
			.optional()
			.ifPresent(this.events::publishEvent);
	}

	/**
	 * What is wrong with the subscription, as message keys by field; empty when nothing
	 * is.
	 */
	public static Map<String, String> problems(NewSubscription subscription) {
		Map<String, String> problems = new LinkedHashMap<>();
		String name = subscription.name().strip();
		if (name.isEmpty() || name.length() > 80) {
			problems.put("name", "webhooks.problem.name");
		}
		String url = urlProblem(subscription.url().strip());
		if (url != null) {
			problems.put("url", url);
		}
		if (!EVENT_TYPES.containsAll(subscription.eventTypes())) {
			problems.put("eventTypes", "webhooks.problem.eventTypes");
		}
		try {
			EmailAddress.of(subscription.contactEmail());
		}
		catch (IllegalArgumentException ex) {
			problems.put("contactEmail", "webhooks.problem.contactEmail");
		}
		return problems;
	}

	/**
	 * An address on the internet must be HTTPS; plain HTTP only reaches this machine.
	 */
	private static @Nullable String urlProblem(String url) {
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			return "webhooks.problem.url";
		}
		if (url.length() > 2000 || uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null
				|| uri.getRawFragment() != null) {
			return "webhooks.problem.url";
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		if (scheme.equals("http") && !LOCAL_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
			return "webhooks.problem.url.https";
		}
		return (scheme.equals("https") || scheme.equals("http")) ? null : "webhooks.problem.url";
	}

	private static final String SELECT = """
			select s.*,
			  (select max(d.delivered_at) from webhook_delivery d where d.subscription_id = s.id) last_delivered_at,
			  (select count(*) from webhook_delivery d where d.subscription_id = s.id
			     and (d.status = 'FAILED' or (d.status = 'PENDING' and d.attempts > 0))) failing
			from webhook_subscription s""";

	private static Subscription subscription(ResultSet rs, int row) throws SQLException {
		String types = rs.getString("event_types");
		return new Subscription(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("url"),
				types.isEmpty() ? List.of() : Arrays.asList(types.split(",")), rs.getString("contact_email"),
				rs.getBoolean("enabled"), rs.getString("disabled_reason"), instant(rs, "disabled_at"),
				instant(rs, "created_at"), instant(rs, "last_delivered_at"), rs.getInt("failing"));
	}

	private String name(UUID id) {
		return this.jdbc.sql("select name from webhook_subscription where id = ?")
			.param(id)
			.query(String.class)
			.optional()
			.orElseThrow(() -> new NotFound("webhook subscription " + id));
	}

	private static void existing(int updated, UUID id) {
		if (updated == 0) {
			throw new NotFound("webhook subscription " + id);
		}
	}

	private void changed(UUID id, String change, String actor, String origin, Instant now) {
		this.events.publishEvent(new WebhookSubscriptionChanged(actor, name(id), change, origin, now));
	}

	static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
		return (time != null) ? time.toInstant() : null;
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/**
	 * 256 random bits in hex, marked as a webhook secret so that it is recognised where
	 * it should not be (a log, a ticket).
	 */
	private static String secret() {
		byte[] random = new byte[32];
		RANDOM.nextBytes(random);
		return "whsec_" + HexFormat.of().formatHex(random);
	}

}
