package io.concierge.intake;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Fetches a marketplace channel's orders from Amazon's Selling Partner API (Orders v0):
 * {@code getOrders} for the orders updated since the last poll, every page of it, and
 * {@code getOrderItems} for each order Amazon has completed; each is stored as a
 * submission, its Amazon order id recognising it when it comes again. A pending order has
 * no address and no total yet: it is left for the poll after Amazon updates it. The
 * channel's cursor is kept in PostgreSQL and locked while a node polls, so nodes take
 * turns; a poll that fails stores nothing and moves no cursor, and the next one waits
 * about twice as long each time, up to half an hour.
 */
@Component
class AmazonPoller {

	private static final Logger log = LoggerFactory.getLogger(AmazonPoller.class);

	/** Amazon answers for orders updated until two minutes before the request. */
	private static final Duration SETTLING = Duration.ofMinutes(2);

	/** How far back the first poll of a channel looks. */
	private static final Duration FIRST_LOOK = Duration.ofDays(1);

	private static final Duration LONGEST_WAIT = Duration.ofMinutes(30);

	private static final int MOST_PAGES = 100;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, Token> tokens = new ConcurrentHashMap<>();

	private final Map<String, Schedule> schedules = new ConcurrentHashMap<>();

	private final IntakeChannels channels;

	private final Submissions submissions;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final RestClient http;

	AmazonPoller(IntakeChannels channels, Submissions submissions, JdbcClient jdbc, TransactionTemplate transactions,
			Clock clock) {
		this.channels = channels;
		this.submissions = submissions;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
		requests.setReadTimeout(Duration.ofSeconds(30));
		this.http = RestClient.builder().requestFactory(requests).build();
	}

	/**
	 * What a poll did.
	 *
	 * @param stored orders stored as submissions (resends included)
	 * @param waiting orders Amazon has not completed yet
	 * @param busy whether another node was polling the channel, so this one did not
	 */
	record Polled(int stored, int waiting, boolean busy) {

	}

	@Scheduled(fixedDelayString = "${concierge.intake.poll-tick:PT1S}")
	void pollDue() {
		Instant now = this.clock.instant();
		this.channels.all().forEach((key, channel) -> {
			IntakeChannels.Marketplace marketplace = channel.marketplace();
			if (marketplace == null) {
				return;
			}
			Schedule schedule = this.schedules.getOrDefault(key, new Schedule(now, 0));
			if (schedule.next().isAfter(now)) {
				return;
			}
			try {
				poll(key, channel, marketplace);
				this.schedules.put(key, new Schedule(now.plus(marketplace.pollInterval()), 0));
			}
			catch (RuntimeException ex) {
				int failures = schedule.failures() + 1;
				Duration wait = marketplace.pollInterval().multipliedBy(1L << Math.min(failures, 10));
				wait = (wait.compareTo(LONGEST_WAIT) > 0) ? LONGEST_WAIT : wait;
				log.warn("Polling Amazon for channel {} failed ({} in a row); next try in {}s: {}", key, failures,
						wait.toSeconds(), ex.toString());
				failed(key, ex);
				this.schedules.put(key, new Schedule(now.plus(wait), failures));
			}
		});
	}

	/**
	 * Polls the channel once, from where its last poll ended.
	 */
	Polled poll(String key, IntakeChannels.Channel channel, IntakeChannels.Marketplace marketplace) {
		Polled polled = this.transactions.execute((status) -> {
			Optional<Instant> cursor = cursor(key);
			if (cursor.isEmpty()) {
				return new Polled(0, 0, true);
			}
			Instant requested = this.clock.instant();
			String token = token(key, marketplace);
			int stored = 0;
			int waiting = 0;
			String next = null;
			Instant through = requested.minus(SETTLING);
			int pages = 0;
			do {
				UriComponentsBuilder uri = UriComponentsBuilder.fromUri(marketplace.baseUrl())
					.path("/orders/v0/orders")
					.queryParam("MarketplaceIds", String.join(",", marketplace.marketplaceIds()));
				if (next != null) {
					uri.queryParam("NextToken", next);
				}
				else {
					uri.queryParam("LastUpdatedAfter", cursor.get().toString());
				}
				JsonNode payload = get(uri.encode().build().toUri(), token).path("payload");
				for (JsonNode order : payload.path("Orders")) {
					if (!AmazonOrders.complete(order)) {
						waiting++;
						continue;
					}
					this.submissions.polled(key, channel, order.path("AmazonOrderId").asString(""),
							stored(order, items(marketplace, token, order)));
					stored++;
				}
				next = payload.path("NextToken").asString(null);
				String before = payload.path("LastUpdatedBefore").asString(null);
				if (before != null) {
					through = OffsetDateTime.parse(before).toInstant();
				}
				if (++pages > MOST_PAGES) {
					throw new IllegalStateException("Amazon answered more than " + MOST_PAGES + " pages");
				}
			}
			while (next != null && !next.isEmpty());
			this.jdbc.sql("""
					update intake_poll_state set polled_through = ?, last_success_at = ?, waiting = ?,
					  last_error = null where channel_key = ?""")
				.params(through.atOffset(ZoneOffset.UTC), requested.atOffset(ZoneOffset.UTC), waiting, key)
				.update();
			return new Polled(stored, waiting, false);
		});
		if (polled != null && polled.stored() > 0) {
			log.info("Amazon channel {}: {} orders stored, {} still pending", key, polled.stored(), polled.waiting());
		}
		return polled;
	}

	/**
	 * The channel's cursor, locked for this poll; empty when another node holds it.
	 */
	private Optional<Instant> cursor(String key) {
		this.jdbc
			.sql("insert into intake_poll_state (channel_key, polled_through) values (?, ?) on conflict do nothing")
			.params(key, this.clock.instant().minus(FIRST_LOOK).atOffset(ZoneOffset.UTC))
			.update();
		return this.jdbc
			.sql("select polled_through from intake_poll_state where channel_key = ? for update skip locked")
			.param(key)
			.query(OffsetDateTime.class)
			.optional()
			.map(OffsetDateTime::toInstant);
	}

	private void failed(String key, RuntimeException ex) {
		String reason = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		this.jdbc.sql("update intake_poll_state set last_failure_at = ?, last_error = ? where channel_key = ?")
			.params(this.clock.instant().atOffset(ZoneOffset.UTC),
					(reason.length() > 500) ? reason.substring(0, 500) : reason, key)
			.update();
	}

	/**
	 * Every page of the order's items.
	 */
	private ArrayNode items(IntakeChannels.Marketplace marketplace, String token, JsonNode order) {
		String id = order.path("AmazonOrderId").asString("");
		ArrayNode items = JSON.createArrayNode();
		String next = null;
		int pages = 0;
		do {
			UriComponentsBuilder uri = UriComponentsBuilder.fromUri(marketplace.baseUrl())
				.path("/orders/v0/orders/{id}/orderItems");
			if (next != null) {
				uri.queryParam("NextToken", next);
			}
			JsonNode payload = get(uri.encode().buildAndExpand(id).toUri(), token).path("payload");
			payload.path("OrderItems").forEach(items::add);
			next = payload.path("NextToken").asString(null);
			if (++pages > MOST_PAGES) {
				throw new IllegalStateException("Amazon answered more than " + MOST_PAGES + " pages of items");
			}
		}
		while (next != null && !next.isEmpty());
		return items;
	}

	private static byte[] stored(JsonNode order, ArrayNode items) {
		ObjectNode stored = JSON.createObjectNode();
		stored.set("order", order);
		stored.set("items", items);
		return JSON.writeValueAsBytes(stored);
	}

	private JsonNode get(URI uri, String token) {
		byte[] body = this.http.get()
			.uri(uri)
			.header("x-amz-access-token", token)
			.accept(MediaType.APPLICATION_JSON)
			.retrieve()
			.body(byte[].class);
		return IntakeJson.object((body != null) ? body : new byte[0]);
	}

	/**
	 * An access token from Login with Amazon for the channel's refresh token, kept until
	 * a minute before it expires.
	 */
	private String token(String key, IntakeChannels.Marketplace marketplace) {
		Instant now = this.clock.instant();
		Token token = this.tokens.get(key);
		if (token != null && token.expires().isAfter(now)) {
			return token.value();
		}
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "refresh_token");
		form.add("refresh_token", marketplace.refreshToken());
		form.add("client_id", marketplace.clientId());
		form.add("client_secret", marketplace.clientSecret());
		byte[] body = this.http.post()
			.uri(marketplace.tokenUrl())
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.retrieve()
			.body(byte[].class);
		JsonNode answer = IntakeJson.object((body != null) ? body : new byte[0]);
		String value = IntakeJson.text(answer, "access_token", "");
		long seconds = answer.path("expires_in").asLong(3600);
		this.tokens.put(key, new Token(value, now.plusSeconds(Math.max(seconds - 60, 0))));
		return value;
	}

	private record Token(String value, Instant expires) {

		@Override
		public String toString() {
			return "Token[expires=" + this.expires + "]";
		}

	}

	private record Schedule(Instant next, int failures) {

	}

}
