package io.concierge.privacy;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What customers consented to: every decision kept with the version of the text it was
 * about, the latest per purpose in force. A new version of a text asks again: a consent
 * to an older one is shown as given to that version only.
 */
@Service
public class Consents {

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Consents(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * What a consent is for.
	 */
	public enum Purpose {

		MARKETING, ANALYTICS

	}

	/**
	 * One version of the text consented to.
	 */
	public record Text(Purpose purpose, int version, String english, String german, Instant publishedAt) {

		public String in(String language) {
			return language.equals("de") ? this.german : this.english;
		}

	}

	/**
	 * One decision.
	 */
	public record Decision(Purpose purpose, int version, boolean granted, Instant decidedAt) {

	}

	/**
	 * Where a customer stands on one purpose: the current text and their latest decision.
	 */
	public record Standing(Text current, @Nullable Decision latest) {

		/** Whether they agreed to the text in force now. */
		public boolean granted() {
			return this.latest != null && this.latest.granted() && this.latest.version() == this.current.version();
		}

		/** Whether they agreed to an older text that has changed since. */
		public boolean outdated() {
			return this.latest != null && this.latest.granted() && this.latest.version() != this.current.version();
		}

	}

	@Transactional(readOnly = true)
	public List<Standing> standings(UUID account) {
		return List.of(Purpose.values())
			.stream()
			.map((purpose) -> new Standing(current(purpose), latest(account, purpose).orElse(null)))
			.toList();
	}

	@Transactional(readOnly = true)
	public List<Decision> history(UUID account) {
		return this.jdbc
			.sql("select purpose, version, granted, decided_at from consent where account_id = ? order by id desc")
			.param(account)
			.query((rs, n) -> new Decision(Purpose.valueOf(rs.getString(1)), rs.getInt(2), rs.getBoolean(3),
					rs.getObject(4, OffsetDateTime.class).toInstant()))
			.list();
	}

	/**
	 * Records a decision about one version of a purpose's text.
	 * @throws UnknownConsent for a version that was never published or is no longer the
	 * one in force (a form shown before a new version came)
	 */
	@Transactional
	public Decision decide(UUID account, Purpose purpose, int version, boolean granted, String actor, String origin) {
		Text current = current(purpose);
		if (version != current.version()) {
			throw new UnknownConsent(purpose, version, current.version());
		}
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				insert into consent (account_id, purpose, version, granted, decided_at, origin)
				values (?, ?, ?, ?, ?, ?)""")
			.params(account, purpose.name(), version, granted, now.atOffset(ZoneOffset.UTC), origin)
			.update();
		this.events.publishEvent(
				new PrivacyEvents.ConsentDecided(actor, account, purpose.name(), version, granted, origin, now));
		return new Decision(purpose, version, granted, now);
	}

	/**
	 * Whether a customer agreed to the purpose's text in force.
	 */
	@Transactional(readOnly = true)
	public boolean granted(UUID account, Purpose purpose) {
		return new Standing(current(purpose), latest(account, purpose).orElse(null)).granted();
	}

	Text current(Purpose purpose) {
		return this.jdbc.sql("""
				select purpose, version, text_en, text_de, published_at from consent_text
				where purpose = ? order by version desc limit 1""")
			.param(purpose.name())
			.query((rs, n) -> new Text(Purpose.valueOf(rs.getString(1)), rs.getInt(2), rs.getString(3), rs.getString(4),
					rs.getObject(5, OffsetDateTime.class).toInstant()))
			.single();
	}

	private Optional<Decision> latest(UUID account, Purpose purpose) {
		return this.jdbc.sql("""
				select purpose, version, granted, decided_at from consent
				where account_id = ? and purpose = ? order by id desc limit 1""")
			.params(account, purpose.name())
			.query((rs, n) -> new Decision(Purpose.valueOf(rs.getString(1)), rs.getInt(2), rs.getBoolean(3),
					rs.getObject(4, OffsetDateTime.class).toInstant()))
			.optional();
	}

	/**
	 * A consent to a version of a text that is not the one in force.
	 */
	public static class UnknownConsent extends RuntimeException {

		private final int current;

		UnknownConsent(Purpose purpose, int version, int current) {
			super("No version " + version + " of the " + purpose + " consent is in force; version " + current + " is");
			this.current = current;
		}

		public int current() {
			return this.current;
		}

	}

}
