package io.concierge.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * How each source of orders is doing over the last hour: how many came, how many became
 * orders, how many failed, when the last one was accepted, and how long the oldest
 * waiting one has waited. A source is
 * <ul>
 * <li><b>down</b> when a submission has waited over 10 minutes, or more than half of at
 * least 10 failed;</li>
 * <li><b>degraded</b> when one has waited over 2 minutes, or more than a tenth of at
 * least 10 failed;</li>
 * <li>up otherwise.</li>
 * </ul>
 * Part of {@code /actuator/health} (as {@code intake}) and of the operations console; a
 * source that gets worse is announced as {@link SourceHealthChanged} once a minute at
 * most.
 */
@Component("intake")
public class IntakeHealth implements HealthIndicator {

	public static final Status DEGRADED = new Status("DEGRADED", "A source of orders is slow or failing often");

	private static final Logger log = LoggerFactory.getLogger(IntakeHealth.class);

	private static final Duration WINDOW = Duration.ofHours(1);

	private final Map<String, Status> known = new ConcurrentHashMap<>();

	private final JdbcClient jdbc;

	private final IntakeChannels channels;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	IntakeHealth(JdbcClient jdbc, IntakeChannels channels, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.channels = channels;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * @param waiting how many wait to become orders now
	 * @param lag how long the oldest of them has waited
	 * @param reason why the status is what it is, in words
	 * @param pollLag for a polled channel, how far behind now its orders are fetched
	 */
	public record Source(String channel, long received, long accepted, long failed, @Nullable Instant lastAccepted,
			long waiting, Duration lag, Status status, String reason, @Nullable Duration pollLag) {

	}

	/**
	 * A source's health changed.
	 */
	public record SourceHealthChanged(String channel, String from, String to, String reason, Instant occurredAt) {

	}

	public List<Source> sources() {
		Instant now = this.clock.instant();
		Map<String, Source> sources = new LinkedHashMap<>();
		this.channels.keys().forEach((key) -> sources.put(key, source(key, 0, 0, 0, null, 0, Duration.ZERO)));
		this.jdbc.sql("""
				select channel_key,
				  count(*) filter (where received_at >= :since) as received,
				  count(*) filter (where received_at >= :since and state = 'ACCEPTED') as accepted,
				  count(*) filter (where received_at >= :since and state in ('REJECTED', 'DEAD')) as failed,
				  max(processed_at) filter (where state = 'ACCEPTED') as last_accepted,
				  count(*) filter (where state = 'RECEIVED') as waiting,
				  min(received_at) filter (where state = 'RECEIVED') as oldest_waiting
				from intake_submission
				where received_at >= :since or state = 'RECEIVED'
				group by channel_key order by channel_key""")
			.param("since", now.minus(WINDOW).atOffset(ZoneOffset.UTC))
			.query((rs, n) -> {
				OffsetDateTime last = rs.getObject("last_accepted", OffsetDateTime.class);
				OffsetDateTime oldest = rs.getObject("oldest_waiting", OffsetDateTime.class);
				return source(rs.getString("channel_key"), rs.getLong("received"), rs.getLong("accepted"),
						rs.getLong("failed"), (last != null) ? last.toInstant() : null, rs.getLong("waiting"),
						(oldest != null) ? Duration.between(oldest.toInstant(), now) : Duration.ZERO);
			})
			.list()
			.forEach((source) -> sources.put(source.channel(), source));
		this.jdbc.sql("select channel_key, polled_through, last_error, waiting from intake_poll_state")
			.query((rs, n) -> {
				String key = rs.getString("channel_key");
				Source source = sources.get(key);
				IntakeChannels.Marketplace marketplace = this.channels.find(key)
					.map(IntakeChannels.Channel::marketplace)
					.orElse(null);
				if (source != null && marketplace != null) {
					sources.put(key,
							polled(source, marketplace.pollInterval(), Duration
								.between(rs.getObject("polled_through", OffsetDateTime.class).toInstant(), now),
									rs.getString("last_error"), rs.getInt("waiting")));
				}
				return key;
			})
			.list();
		return new ArrayList<>(sources.values());
	}

	/**
	 * A polled channel is also degraded when its orders are fetched more than three
	 * intervals late (Amazon's two minutes to settle aside), and down at ten.
	 */
	private static Source polled(Source source, Duration interval, Duration pollLag, @Nullable String error,
			int pending) {
		Duration settling = Duration.ofMinutes(2);
		Status status = (pollLag.compareTo(interval.multipliedBy(10).plus(settling)) > 0) ? Status.DOWN
				: (pollLag.compareTo(interval.multipliedBy(3).plus(settling)) > 0) ? DEGRADED : Status.UP;
		String polling = "fetched up to " + pollLag.toMinutes() + " min ago, " + pending + " pending at the source"
				+ ((error != null) ? "; the last poll failed: " + error : "");
		boolean worse = rank(status) > rank(source.status());
		return new Source(source.channel(), source.received(), source.accepted(), source.failed(),
				source.lastAccepted(), source.waiting(), source.lag(), worse ? status : source.status(),
				worse ? polling : source.reason() + "; " + polling, pollLag);
	}

	private static Source source(String channel, long received, long accepted, long failed,
			@Nullable Instant lastAccepted, long waiting, Duration lag) {
		double failing = (received >= 10) ? (double) failed / received : 0;
		Status status;
		String reason;
		if (lag.compareTo(Duration.ofMinutes(10)) > 0 || failing > 0.5) {
			status = Status.DOWN;
		}
		else if (lag.compareTo(Duration.ofMinutes(2)) > 0 || failing > 0.1) {
			status = DEGRADED;
		}
		else {
			status = Status.UP;
		}
		if (lag.compareTo(Duration.ofMinutes(2)) > 0) {
			reason = "the oldest waiting submission has waited " + lag.toMinutes() + " min";
		}
		else if (failing > 0.1) {
			reason = failed + " of " + received + " failed in the last hour";
		}
		else {
			reason = received + " received in the last hour, " + waiting + " waiting";
		}
		return new Source(channel, received, accepted, failed, lastAccepted, waiting, lag, status, reason, null);
	}

	@Override
	public Health health() {
		List<Source> sources = sources();
		Status worst = sources.stream().map(Source::status).reduce(Status.UP, (a, b) -> (rank(b) > rank(a)) ? b : a);
		Health.Builder health = Health.status(worst);
		sources.forEach((source) -> {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("status", source.status().getCode());
			details.put("reason", source.reason());
			details.put("waiting", source.waiting());
			details.put("lagSeconds", source.lag().toSeconds());
			if (source.pollLag() != null) {
				details.put("pollLagSeconds", source.pollLag().toSeconds());
			}
			health.withDetail(source.channel(), details);
		});
		return health.build();
	}

	@Scheduled(fixedDelayString = "${concierge.intake.health-interval:PT1M}")
	void look() {
		watch();
	}

	/**
	 * Announces every source whose status got worse since the last look.
	 * @return the changes
	 */
	List<SourceHealthChanged> watch() {
		List<SourceHealthChanged> changes = new ArrayList<>();
		for (Source source : sources()) {
			Status before = this.known.put(source.channel(), source.status());
			if (before != null && rank(source.status()) > rank(before)) {
				SourceHealthChanged change = new SourceHealthChanged(source.channel(), before.getCode(),
						source.status().getCode(), source.reason(), this.clock.instant());
				log.warn("Intake source {} is {} now (was {}): {}", source.channel(), change.to(), change.from(),
						source.reason());
				this.events.publishEvent(change);
				changes.add(change);
			}
		}
		return changes;
	}

	private static int rank(Status status) {
		return Status.DOWN.equals(status) ? 2 : DEGRADED.equals(status) ? 1 : 0;
	}

}
