package io.concierge.webhooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.concierge.shared.Signatures;

/**
 * Sends the deliveries that are due, on every node: each takes a batch with
 * {@code for update skip locked} and leases it for a while, so that no other node takes
 * the same ones, then posts them without holding a transaction open. A 2xx answer is
 * delivered; anything else is tried again after the {@link Backoff}'s wait, until it is
 * given up and its subscription switched off.
 * <p>
 * Receivers are kept apart (a bulkhead): each post runs on a thread of its own and the
 * poll does not wait for them, so a receiver that hangs holds neither the next poll nor
 * anyone else's deliveries; a receiver with {@code concurrency-per-receiver} posts
 * unanswered is left out of the polls until one comes back, and the whole exchange, body
 * included, ends after {@code timeout}.
 */
@Component
class WebhookSender {

	private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

	private static final int BATCH = 20;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final WebhookSubscriptions subscriptions;

	private final WebhookDestinations destinations;

	private final Clock clock;

	private final Backoff backoff;

	private final Duration timeout;

	private final Duration lease;

	private final HttpClient http;

	/** How many posts to one receiver may be unanswered on this node. */
	private final int perReceiver;

	/** The posts under way on this node, by subscription. */
	private final Map<UUID, Integer> inFlight = new ConcurrentHashMap<>();

	WebhookSender(JdbcClient jdbc, PlatformTransactionManager transactions, WebhookSubscriptions subscriptions,
			WebhookDestinations destinations, Clock clock,
			@Value("${concierge.webhooks.first-retry:PT30S}") String firstRetry,
			@Value("${concierge.webhooks.max-retry:PT1H}") String maxRetry,
			@Value("${concierge.webhooks.give-up-after:P1D}") String giveUpAfter,
			@Value("${concierge.webhooks.timeout:PT10S}") String timeout,
			@Value("${concierge.webhooks.concurrency-per-receiver:4}") int perReceiver) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactions);
		this.subscriptions = subscriptions;
		this.destinations = destinations;
		this.clock = clock;
		this.backoff = new Backoff(Duration.parse(firstRetry), Duration.parse(maxRetry), Duration.parse(giveUpAfter));
		this.timeout = Duration.parse(timeout);
		this.perReceiver = perReceiver;
		// long enough for a batch of slow answers to be recorded before another node may
		// try
		this.lease = this.timeout.multipliedBy(2).plusMinutes(1);
		this.http = HttpClient.newBuilder()
			.connectTimeout(this.timeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/** The destination is not one webhooks may go to, said in words for the log. */
	private static final class RefusedDestination extends Exception {

		RefusedDestination(String reason) {
			super(reason, null, false, false);
		}

	}

	private record Due(UUID id, UUID subscription, String url, @Nullable String secret, String eventType,
			String payload, @Nullable Instant firstAttemptAt) {

	}

	/**
	 * Claims what is due and starts posting it, without waiting for the answers.
	 */
	@Scheduled(fixedDelayString = "${concierge.webhooks.poll-interval:PT1S}")
	void sendDue() {
		for (Due delivery : claim()) {
			this.inFlight.merge(delivery.subscription(), 1, Integer::sum);
			Thread.ofVirtual().name("webhook-" + delivery.id()).start(() -> {
				try {
					send(delivery);
				}
				finally {
					this.inFlight.computeIfPresent(delivery.subscription(),
							(subscription, posts) -> (posts > 1) ? posts - 1 : null);
				}
			});
		}
	}

	/**
	 * The due deliveries of receivers not busy on this node, at most
	 * {@code concurrency-per-receiver} of each, so one receiver's backlog cannot take
	 * every claim.
	 */
	private List<Due> claim() {
		String busy = this.inFlight.entrySet()
			.stream()
			.filter((posts) -> posts.getValue() >= this.perReceiver)
			.map((posts) -> posts.getKey().toString())
			.collect(Collectors.joining(","));
		return this.transactions.execute((status) -> {
			Instant now = this.clock.instant();
			List<Due> due = this.jdbc.sql("""
					select d.id, d.subscription_id, s.url, s.secret, d.event_type, d.payload, d.first_attempt_at
					from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id
					where d.id in (
					    select id from (
					      select id, row_number() over (partition by subscription_id order by next_attempt_at) as nth
					      from webhook_delivery
					      where status = 'PENDING' and next_attempt_at <= :now
					        and subscription_id::text <> all(string_to_array(:busy, ','))) waiting
					    where nth <= :each)
					  and d.status = 'PENDING' and d.next_attempt_at <= :now and s.enabled
					order by d.next_attempt_at limit :batch
					for update of d skip locked""")
				.param("now", WebhookSubscriptions.utc(now))
				.param("busy", busy)
				.param("each", this.perReceiver)
				.param("batch", BATCH)
				.query((rs, row) -> new Due(rs.getObject("id", UUID.class), rs.getObject("subscription_id", UUID.class),
						rs.getString("url"),
						this.subscriptions.secret(rs.getObject("subscription_id", UUID.class), rs.getString("secret")),
						rs.getString("event_type"), rs.getString("payload"),
						WebhookSubscriptions.instant(rs, "first_attempt_at")))
				.list()
				.stream()
				.filter((delivery) -> delivery.secret() != null)
				.toList();
			due.forEach((delivery) -> this.jdbc.sql("update webhook_delivery set next_attempt_at = ? where id = ?")
				.params(WebhookSubscriptions.utc(now.plus(this.lease)), delivery.id())
				.update());
			return due;
		});
	}

	private void send(Due delivery) {
		Instant at = this.clock.instant();
		byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
		Integer status = null;
		String error = null;
		long started = System.nanoTime();
		try {
			URI url = URI.create(delivery.url());
			// checked again as it is sent: the name may lead elsewhere by now, and a
			// subscription may be older than the check
			WebhookDestinations.Refusal refusal = this.destinations.refusal(url);
			if (refusal != null) {
				throw new RefusedDestination(refusal.reason());
			}
			HttpRequest request = HttpRequest.newBuilder(url)
				.timeout(this.timeout)
				.header("Content-Type", "application/json")
				.header("User-Agent", "Concierge-Webhooks")
				.header("Concierge-Event", delivery.eventType())
				.header("Concierge-Delivery", delivery.id().toString())
				.header("Concierge-Signature",
						Signatures.timestamped(at.getEpochSecond(), body,
								java.util.Objects.requireNonNull(delivery.secret())))
				.POST(HttpRequest.BodyPublishers.ofByteArray(body))
				.build();
			status = exchange(request);
		}
		catch (RefusedDestination ex) {
			error = ex.getMessage();
		}
		catch (TimeoutException ex) {
			error = "No answer within " + this.timeout.toSeconds() + " s";
		}
		catch (IOException | IllegalArgumentException ex) {
			error = describe(ex);
		}
		catch (InterruptedException ex) {
			// shutting down: the lease runs out and this or another node sends it again
			Thread.currentThread().interrupt();
			return;
		}
		long durationMs = (System.nanoTime() - started) / 1_000_000;
		try {
			record(delivery, at, status, error, durationMs);
		}
		catch (RuntimeException ex) {
			// removed meanwhile, or the database is away: the lease runs out and it is
			// sent again
			log.warn("Could not record the attempt of webhook delivery {}", delivery.id(), ex);
		}
	}

	/**
	 * Posts and reads the answer within the timeout as a whole: the request's own timeout
	 * ends only the wait for the status line, not a body that never finishes.
	 * @return the status code
	 */
	private int exchange(HttpRequest request) throws IOException, InterruptedException, TimeoutException {
		CompletableFuture<HttpResponse<Void>> answer = this.http.sendAsync(request,
				HttpResponse.BodyHandlers.discarding());
		try {
			return answer.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS).statusCode();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof HttpTimeoutException) {
				throw new TimeoutException();
			}
			if (ex.getCause() instanceof IOException failed) {
				throw failed;
			}
			throw new IOException(ex.getCause());
		}
		finally {
			// closes the connection of an exchange that did not finish
			answer.cancel(true);
		}
	}

	private void record(Due delivery, Instant at, @Nullable Integer status, @Nullable String error, long durationMs) {
		this.transactions.executeWithoutResult((transaction) -> {
			this.jdbc.sql("""
					insert into webhook_attempt (delivery_id, attempted_at, status_code, error, duration_ms)
					values (?, ?, ?, ?, ?)""")
				.params(delivery.id(), WebhookSubscriptions.utc(at), status, error, durationMs)
				.update();
			Instant first = (delivery.firstAttemptAt() != null) ? delivery.firstAttemptAt() : at;
			Instant now = this.clock.instant();
			if (status != null && status >= 200 && status < 300) {
				this.jdbc.sql("""
						update webhook_delivery set status = 'DELIVERED', attempts = attempts + 1,
						  first_attempt_at = coalesce(first_attempt_at, ?),
						  last_status_code = ?, delivered_at = ?
						where id = ?""")
					.params(WebhookSubscriptions.utc(first), status, WebhookSubscriptions.utc(now), delivery.id())
					.update();
			}
			else if (this.backoff.givesUp(first, now)) {
				this.jdbc.sql("""
						update webhook_delivery set status = 'FAILED', attempts = attempts + 1,
						  first_attempt_at = coalesce(first_attempt_at, ?),
						  last_status_code = ?
						where id = ?""").params(WebhookSubscriptions.utc(first), status, delivery.id()).update();
				this.subscriptions.gaveUp(delivery.subscription(),
						"No delivery got through since " + first.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
								+ "; the last attempt: " + ((status != null) ? "HTTP " + status : error) + ".");
			}
			else {
				int failures = this.jdbc
					.sql("select count(*) from webhook_attempt where delivery_id = ? and attempted_at >= ?")
					.params(delivery.id(), WebhookSubscriptions.utc(first))
					.query(Integer.class)
					.single();
				this.jdbc
					.sql("""
							update webhook_delivery set attempts = attempts + 1, first_attempt_at = coalesce(first_attempt_at, ?),
							  last_status_code = ?,
							  next_attempt_at = ?
							where id = ?""")
					.params(WebhookSubscriptions.utc(first), status,
							WebhookSubscriptions.utc(
									now.plus(this.backoff.delay(failures, ThreadLocalRandom.current()))),
							delivery.id())
					.update();
			}
		});
	}

	private static String describe(Exception ex) {
		Throwable cause = ex;
		while (cause.getMessage() == null && cause.getCause() != null) {
			cause = cause.getCause();
		}
		String what = cause.getClass().getSimpleName();
		return (cause.getMessage() != null) ? what + ": " + cause.getMessage() : what;
	}

}
