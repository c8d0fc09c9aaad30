package io.concierge.intake;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.shared.AuditableEvent;
import io.concierge.shared.NotFound;

/**
 * Administrators make channels on the page, beside those in configuration: a key, a
 * format, the company it belongs to, its priority, backlog and checks. Its secret is made
 * here and shown once; a new one can be made at any time. Channels that poll a
 * marketplace, read a folder or queue through Kafka are configured in properties.
 */
@Service
public class ChannelAdministration {

	/** The formats a channel made on the page can take: those that are posted. */
	public static final List<Format> FORMATS = List.of(Format.SHOPIFY, Format.POINT_OF_SALE, Format.CSV, Format.X12);

	private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{1,39}");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final IntakeChannels channels;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ChannelAdministration(IntakeChannels channels, JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.channels = channels;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * A channel as the page shows it.
	 *
	 * @param configured whether it comes from configuration, so the page cannot change it
	 */
	public record Listed(String key, IntakeChannels.Channel channel, boolean configured) {

	}

	/**
	 * A channel as an administrator describes it; checks without an action are off.
	 *
	 * @param csvColumns a CSV channel's own names for the columns
	 */
	public record Settings(Format format, @Nullable UUID organisation, int priority, int maxBacklog,
			Map<IntakeRules.Rule, IntakeRules.Action> rules, Set<String> currencies, @Nullable BigDecimal maxTotal,
			int maxQuantity, @Nullable BigDecimal creditLimit, CsvColumns.Mapping csvColumns) {

	}

	/**
	 * A channel was made, changed, given a new secret or removed.
	 */
	public record ChannelChanged(String actor, String subject, String change, String origin,
			Instant occurredAt) implements AuditableEvent {

		@Override
		public String action() {
			return "intake.channel." + this.change;
		}

	}

	/**
	 * The settings are not ones a channel can have; each problem in words.
	 */
	public static class InvalidChannel extends RuntimeException {

		private final List<String> problems;

		public InvalidChannel(List<String> problems) {
			super(String.join("; ", problems));
			this.problems = List.copyOf(problems);
		}

		public List<String> problems() {
			return this.problems;
		}

	}

	public List<Listed> list() {
		return this.channels.all()
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.map((entry) -> new Listed(entry.getKey(), entry.getValue(), this.channels.configured(entry.getKey())))
			.toList();
	}

	/**
	 * @return the new channel's secret, to be shown once
	 * @throws InvalidChannel naming what is wrong; nothing is stored
	 */
	@Transactional
	public String create(String key, Settings settings, String actor, String origin) {
		List<String> problems = problems(settings);
		if (!KEY.matcher(key).matches()) {
			problems.add(0, "The key is 2 to 40 small letters, digits and hyphens, starting with a letter or digit.");
		}
		else if (this.channels.find(key).isPresent()) {
			problems.add(0, "There is a channel " + key + " already.");
		}
		if (!problems.isEmpty()) {
			throw new InvalidChannel(problems);
		}
		String secret = secret();
		Instant now = this.clock.instant();
		this.jdbc
			.sql("""
					insert into intake_channel (key, format, secret, organisation_id, priority, max_backlog, rules, currencies,
					  max_total, max_quantity, credit_limit, csv_columns, created_at, created_by, updated_at, updated_by)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(key, settings.format().name(), this.channels.sealed(key, secret), settings.organisation(),
					settings.priority(), settings.maxBacklog(), rules(settings),
					String.join(",", settings.currencies()), settings.maxTotal(), settings.maxQuantity(),
					settings.creditLimit(), settings.csvColumns().text(), now.atOffset(ZoneOffset.UTC), actor,
					now.atOffset(ZoneOffset.UTC), actor)
			.update();
		changed(key, "created", actor, origin, now);
		return secret;
	}

	/**
	 * @throws InvalidChannel naming what is wrong; nothing is changed
	 * @throws NotFound when no channel made on the page has this key
	 */
	@Transactional
	public void change(String key, Settings settings, String actor, String origin) {
		List<String> problems = problems(settings);
		if (!problems.isEmpty()) {
			throw new InvalidChannel(problems);
		}
		Instant now = this.clock.instant();
		int changed = this.jdbc.sql("""
				update intake_channel set format = ?, organisation_id = ?, priority = ?, max_backlog = ?, rules = ?,
				  currencies = ?, max_total = ?, max_quantity = ?, credit_limit = ?, csv_columns = ?, updated_at = ?,
				  updated_by = ?
				where key = ?""")
			.params(settings.format().name(), settings.organisation(), settings.priority(), settings.maxBacklog(),
					rules(settings), String.join(",", settings.currencies()), settings.maxTotal(),
					settings.maxQuantity(), settings.creditLimit(), settings.csvColumns().text(),
					now.atOffset(ZoneOffset.UTC), actor, key)
			.update();
		if (changed == 0) {
			throw new NotFound("channel " + key);
		}
		changed(key, "changed", actor, origin, now);
	}

	/**
	 * A new secret: submissions signed with the old one are refused from now on.
	 * @return the secret, to be shown once
	 */
	@Transactional
	public String newSecret(String key, String actor, String origin) {
		String secret = secret();
		Instant now = this.clock.instant();
		if (this.jdbc.sql("update intake_channel set secret = ?, updated_at = ?, updated_by = ? where key = ?")
			.params(this.channels.sealed(key, secret), now.atOffset(ZoneOffset.UTC), actor, key)
			.update() == 0) {
			throw new NotFound("channel " + key);
		}
		changed(key, "secret-renewed", actor, origin, now);
		return secret;
	}

	/**
	 * Removes the channel: it refuses everything from now on. What it took in stays.
	 */
	@Transactional
	public void remove(String key, String actor, String origin) {
		Instant now = this.clock.instant();
		if (this.jdbc.sql("delete from intake_channel where key = ?").param(key).update() == 0) {
			throw new NotFound("channel " + key);
		}
		changed(key, "removed", actor, origin, now);
	}

	private void changed(String key, String change, String actor, String origin, Instant now) {
		this.events.publishEvent(new ChannelChanged(actor, key, change, origin, now));
		this.channels.refresh();
	}

	private static List<String> problems(Settings settings) {
		List<String> problems = new ArrayList<>();
		if (!FORMATS.contains(settings.format())) {
			problems.add("Choose a format a sender posts: Shopify, point of sale, CSV or X12.");
		}
		if (settings.priority() < 1 || settings.priority() > 10) {
			problems.add("The priority is from 1 (last) to 10 (first).");
		}
		if (settings.maxBacklog() < 1 || settings.maxBacklog() > 1_000_000) {
			problems.add("At most 1 to 1,000,000 submissions may wait.");
		}
		if (settings.maxQuantity() < 1) {
			problems.add("The largest quantity of a line is at least 1.");
		}
		for (BigDecimal amount : new BigDecimal[] { settings.maxTotal(), settings.creditLimit() }) {
			if (amount != null && (amount.signum() <= 0 || amount.precision() - amount.scale() > 15)) {
				problems.add("Limits are amounts above 0, such as 5000 or 12500.50.");
				break;
			}
		}
		Set<String> unknown = new TreeSet<>();
		for (String currency : settings.currencies()) {
			try {
				Currency.getInstance(currency);
			}
			catch (IllegalArgumentException ex) {
				unknown.add(currency);
			}
		}
		if (!unknown.isEmpty()) {
			problems.add("Not ISO 4217 currency codes: " + String.join(", ", unknown) + ".");
		}
		if (settings.rules().containsKey(IntakeRules.Rule.CURRENCY) && settings.currencies().isEmpty()) {
			problems.add("The currency check needs the currencies the channel takes.");
		}
		if (settings.rules().containsKey(IntakeRules.Rule.TOTAL) && settings.maxTotal() == null) {
			problems.add("The total check needs the largest total.");
		}
		if (settings.rules().containsKey(IntakeRules.Rule.CREDIT_LIMIT) && settings.creditLimit() == null) {
			problems.add("The credit limit check needs the credit limit.");
		}
		if (!settings.csvColumns().columns().isEmpty() && settings.format() != Format.CSV) {
			problems.add("Only a CSV channel has columns to name.");
		}
		return problems;
	}

	private static String rules(Settings settings) {
		return settings.rules()
			.entrySet()
			.stream()
			.map((rule) -> rule.getKey().name() + "=" + rule.getValue().name())
			.sorted()
			.collect(Collectors.joining(","));
	}

	/**
	 * 256 random bits, URL-safe Base64 without padding.
	 */
	private static String secret() {
		byte[] random = new byte[32];
		RANDOM.nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

}
