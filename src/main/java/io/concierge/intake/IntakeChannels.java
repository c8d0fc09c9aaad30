package io.concierge.intake;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

import io.concierge.shared.SecretSeal;

/**
 * The channels orders come in through: from {@code concierge.intake.channels.<key>.*},
 * and those administrators made ({@link ChannelAdministration}), read again from the
 * database every few seconds so every node sees a change soon.
 */
@Component
@EnableConfigurationProperties(IntakeChannels.Settings.class)
public class IntakeChannels {

	private static final Duration FRESH = Duration.ofSeconds(5);

	private static final String PURPOSE = "intake-channel-secret:";

	private static final Logger log = LoggerFactory.getLogger(IntakeChannels.class);

	private final Map<String, Channel> configured;

	private final JdbcClient jdbc;

	private volatile Made made = new Made(Map.of(), Instant.MIN);

	/** How old a signed request may be, in seconds either way. */
	private static final long SIGNED_REQUEST_AGE = 300;

	private final Clock clock;

	private final SecretSeal seal;

	IntakeChannels(Settings settings, JdbcClient jdbc, Clock clock, SecretSeal seal) {
		this.configured = Map.copyOf(settings.channels());
		this.jdbc = jdbc;
		this.clock = clock;
		this.seal = seal;
	}

	/**
	 * A channel's secret as stored: sealed, bound to the channel.
	 */
	String sealed(String key, String secret) {
		return this.seal.seal(secret, PURPOSE + key);
	}

	/**
	 * Seals the secrets stored before they were sealed, once at start.
	 */
	@EventListener(ApplicationReadyEvent.class)
	@Transactional
	void sealStored() {
		this.seal.sealStored(this.jdbc, "intake_channel", "key", "secret", PURPOSE);
	}

	/**
	 * Whether a request of the channel's partner without a body (fetching its
	 * acknowledgements) is signed with the channel's secret: the base64 HMAC-SHA256 of
	 * the timestamp, a line break and the request's path and query; the timestamp in Unix
	 * seconds, within five minutes of now, so a request overheard cannot be replayed for
	 * long.
	 */
	public boolean signedRequest(String key, @Nullable String timestamp, String target, @Nullable String signature) {
		String secret = find(key).map(Channel::secret).orElse(null);
		if (secret == null || timestamp == null || !timestamp.matches("\\d{1,12}")
				|| Math.abs(this.clock.instant().getEpochSecond() - Long.parseLong(timestamp)) > SIGNED_REQUEST_AGE) {
			return false;
		}
		return Format.signed((timestamp + "\n" + target).getBytes(StandardCharsets.UTF_8), signature, secret);
	}

	public Set<String> keys() {
		return new TreeSet<>(all().keySet());
	}

	/**
	 * Every channel by key; a key in configuration is never taken by one made on the
	 * page.
	 */
	public Map<String, Channel> all() {
		Map<String, Channel> all = new HashMap<>(made());
		all.putAll(this.configured);
		return all;
	}

	public Optional<Channel> find(String key) {
		Channel channel = this.configured.get(key);
		return Optional.ofNullable((channel != null) ? channel : made().get(key));
	}

	/**
	 * Whether the channel comes from configuration, so it cannot be changed on the page.
	 */
	public boolean configured(String key) {
		return this.configured.containsKey(key);
	}

	private Map<String, Channel> made() {
		Made made = this.made;
		if (made.readAt().isBefore(this.clock.instant().minus(FRESH))) {
			made = refresh();
		}
		return made.channels();
	}

	/**
	 * Reads the channels made on the page again, at once.
	 */
	Made refresh() {
		Map<String, Channel> channels = new HashMap<>();
		this.jdbc.sql("select * from intake_channel").query((rs, n) -> {
			Map<IntakeRules.Rule, IntakeRules.Action> rules = new EnumMap<>(IntakeRules.Rule.class);
			for (String rule : rs.getString("rules").split(",")) {
				if (!rule.isBlank()) {
					String[] parts = rule.split("=");
					rules.put(IntakeRules.Rule.valueOf(parts[0]), IntakeRules.Action.valueOf(parts[1]));
				}
			}
			Set<String> currencies = new TreeSet<>();
			for (String currency : rs.getString("currencies").split(",")) {
				if (!currency.isBlank()) {
					currencies.add(currency);
				}
			}
			return channels.put(rs.getString("key"), new Channel(Format.valueOf(rs.getString("format")),
					opened(rs.getString("key"), rs.getString("secret")), rs.getObject("organisation_id", UUID.class),
					DataSize.ofMegabytes(1), rs.getInt("priority"), rs.getInt("max_backlog"), rules, currencies,
					rs.getBigDecimal("max_total"), rs.getInt("max_quantity"), rs.getBigDecimal("credit_limit"), null,
					null, Queue.POSTGRES,
					CsvColumns.Mapping.parse(rs.getString("csv_columns"), new java.util.ArrayList<>()).columns()));
		}).list();
		Made made = new Made(Map.copyOf(channels), this.clock.instant());
		this.made = made;
		return made;
	}

	/**
	 * The channel's secret; none, so the channel refuses everything, when it cannot be
	 * opened (a keyset that is not the one it was sealed with): the other channels go on.
	 */
	private @Nullable String opened(String key, String stored) {
		try {
			return this.seal.open(stored, PURPOSE + key);
		}
		catch (IllegalStateException ex) {
			log.error("The secret of intake channel {} cannot be opened, so it refuses every submission until it "
					+ "gets a new secret: {}", key, ex.getMessage());
			return null;
		}
	}

	private record Made(Map<String, Channel> channels, Instant readAt) {

	}

	/**
	 * @param secret what the channel signs its submissions with; without one every
	 * submission is refused
	 * @param organisation the company whose orders come this way, if any; otherwise each
	 * order belongs to its customer's email address
	 * @param maxBodySize larger submissions are refused before they are read
	 * @param priority higher is converted first when work queues up
	 * @param maxBacklog how many submissions may wait; more are asked to come back later
	 * @param rules the checks its orders go through, each with what a failure does
	 * @param currencies the currencies the {@code currency} check takes
	 * @param maxTotal the {@code total} check's limit, in the order's currency
	 * @param maxQuantity the {@code quantity} check's limit per line
	 * @param creditLimit the {@code credit-limit} check's limit for the company's orders
	 * on their way, in the order's currency
	 * @param inboundFolder where an X12 channel's partner drops interchanges, if it does
	 * @param marketplace where a marketplace channel's orders are fetched from
	 * @param queue how its submissions reach the workers
	 * @param csvColumns a CSV channel's own names for the columns (their name, in small
	 * letters, and Concierge's), beside the {@link CsvColumns#ALIASES common ones}
	 */
	public record Channel(Format format, @Nullable String secret, @Nullable UUID organisation,
			@DefaultValue("1MB") DataSize maxBodySize, @DefaultValue("5") int priority,
			@DefaultValue("10000") int maxBacklog, @Nullable Map<IntakeRules.Rule, IntakeRules.Action> rules,
			@Nullable Set<String> currencies, @Nullable BigDecimal maxTotal, @DefaultValue("1000") int maxQuantity,
			@Nullable BigDecimal creditLimit, @Nullable Path inboundFolder, @Nullable Marketplace marketplace,
			@DefaultValue("POSTGRES") Queue queue, @Nullable Map<String, String> csvColumns) {

		public Channel {
			rules = (rules != null) ? Map.copyOf(rules) : Map.of();
			currencies = (currencies != null) ? Set.copyOf(currencies) : Set.of();
			csvColumns = (csvColumns != null) ? Map.copyOf(csvColumns) : Map.of();
		}

		public CsvColumns.Mapping mapping() {
			return new CsvColumns.Mapping(this.csvColumns);
		}

		@Override
		public String toString() {
			return "Channel[format=" + this.format + ", organisation=" + this.organisation + "]";
		}

	}

	/**
	 * How a channel's submissions reach the workers, once stored.
	 */
	public enum Queue {

		/** The workers take them from PostgreSQL, most urgent first. */
		POSTGRES,

		/**
		 * A message for each, to the topic {@code concierge.intake.kafka.topic}, keyed by
		 * channel and order, so the consumers on every node share them and one order's
		 * messages keep their order; one that never comes is taken from PostgreSQL after
		 * two minutes.
		 */
		KAFKA

	}

	/**
	 * Amazon's Selling Partner API for a seller account: its orders are polled.
	 *
	 * @param baseUrl the region's endpoint,
	 * {@code https://sellingpartnerapi-eu.amazon.com}
	 * @param marketplaceIds the marketplaces whose orders are fetched
	 * @param tokenUrl Login with Amazon's token endpoint
	 * @param refreshToken the seller's authorisation of this application
	 * @param pollInterval how often; a failing poll waits longer each time
	 */
	public record Marketplace(URI baseUrl, List<String> marketplaceIds,
			@DefaultValue("https://api.amazon.com/auth/o2/token") URI tokenUrl, String clientId, String clientSecret,
			String refreshToken, @DefaultValue("PT2M") Duration pollInterval) {

		@Override
		public String toString() {
			return "Marketplace[baseUrl=" + this.baseUrl + ", marketplaceIds=" + this.marketplaceIds + "]";
		}

	}

	@ConfigurationProperties("concierge.intake")
	record Settings(@Nullable Map<String, Channel> channels) {

		Settings {
			channels = (channels != null) ? channels : Map.of();
		}

	}

}
