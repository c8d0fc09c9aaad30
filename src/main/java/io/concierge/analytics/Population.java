package io.concierge.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import io.concierge.analytics.EventLog.Event;

/**
 * A simulated population of customers, for the demo and the tests: from a seed, the raw
 * events of their orders, "where is my order" checks on the portal or through an agent,
 * searches (some finding nothing), articles, the assistant, ticket drafts and tickets
 * with their handling, returns with reasons, ratings and survey answers. Each customer
 * takes to the portal a little more every day, so the rates move the way a rollout would
 * make them.
 */
@Component
public class Population {

	private static final String[] QUERIES = { "where is my order", "return label", "refund", "change address",
			"invoice copy", "cancel order", "delivery time", "damaged parcel", "second factor", "exchange size" };

	/** What customers search for that no article answers. */
	private static final String[] UNANSWERED = { "gift wrapping", "klarna", "pickup station", "bulk discount" };

	private static final String[] ARTICLES = { "where-is-my-order", "return-an-item", "refunds",
			"change-delivery-address", "invoices", "cancel-an-order", "delivery-times", "reset-second-factor" };

	private static final String[] REASONS = { "DOES_NOT_FIT", "DOES_NOT_FIT", "DOES_NOT_FIT", "CHANGED_MIND",
			"CHANGED_MIND", "DAMAGED", "DEFECTIVE", "NOT_AS_DESCRIBED", "NOT_AS_DESCRIBED", "WRONG_ITEM",
			"ARRIVED_TOO_LATE", "OTHER" };

	private final EventLog log;

	Population(EventLog log) {
		this.log = log;
	}

	/**
	 * Writes the events of {@code customers} customers over the {@code days} days up to
	 * {@code end} (none after it); returns how many.
	 */
	public int simulate(long seed, int customers, int days, Instant end) {
		List<Event> events = generate(seed, customers, days, end);
		this.log.recordAll(events);
		return events.size();
	}

	List<Event> generate(long seed, int customers, int days, Instant end) {
		Random random = new Random(seed);
		Instant start = end.minus(Duration.ofDays(days));
		Run run = new Run(random, end);
		for (int c = 0; c < customers; c++) {
			UUID account = new UUID(seed, c);
			double affinity = 0.15 + 0.6 * random.nextDouble();
			int surveyDay = (random.nextDouble() < 0.35) ? random.nextInt(days) : -1;
			for (int day = 0; day < days; day++) {
				Instant morning = start.plus(Duration.ofDays(day));
				double portal = Math.min(0.95, affinity + 0.3 * day / days);
				if (random.nextDouble() < 0.05) {
					run.order(account, run.within(morning, Duration.ofDays(1)), portal);
				}
				if (random.nextDouble() < 0.02) {
					run.question(account, run.within(morning, Duration.ofDays(1)), portal);
				}
				if (day == surveyDay) {
					int score = (int) Math.max(0,
							Math.min(10, Math.round(5.5 + 4 * portal + random.nextGaussian() * 2)));
					run.add(run.within(morning, Duration.ofDays(1)), "NPS", account, "PORTAL", null, (double) score,
							null);
				}
			}
		}
		return run.events;
	}

	private static final class Run {

		final List<Event> events = new ArrayList<>();

		final Random random;

		final Instant end;

		int orders;

		int tickets;

		Run(Random random, Instant end) {
			this.random = random;
			this.end = end;
		}

		Instant within(Instant from, Duration span) {
			return from.plusSeconds((long) (this.random.nextDouble() * span.toSeconds()));
		}

		void add(Instant at, String kind, @Nullable UUID account, @Nullable String channel, @Nullable String subject,
				@Nullable Double value, @Nullable String detail) {
			if (!at.isAfter(this.end)) {
				this.events.add(new Event(at, kind, account, channel, subject, value, detail));
			}
		}

		void order(UUID account, Instant at, double portal) {
			String number = "SIM-" + (100000 + this.orders++);
			add(at, "ORDER_PLACED", account, null, number, null, "WEB");
			int checks = this.random.nextInt(4);
			for (int i = 0; i < checks; i++) {
				Instant check = within(at.plus(Duration.ofHours(6)), Duration.ofDays(5));
				if (this.random.nextDouble() < portal) {
					add(check, "STATUS_CHECK", account, "PORTAL", number, null, null);
				}
				else {
					Ticket ticket = ticket(account, check, number);
					add(ticket.viewed, "STATUS_CHECK", account, "AGENT", number, null, null);
				}
			}
			if (this.random.nextDouble() < 0.12) {
				Instant back = within(at.plus(Duration.ofDays(3)), Duration.ofDays(6));
				String reason = REASONS[this.random.nextInt(REASONS.length)];
				if (this.random.nextDouble() < portal + 0.1) {
					add(back, "RETURN_REQUESTED", account, "PORTAL", number, null, reason);
				}
				else {
					ticket(account, back, number);
					add(back, "RETURN_REQUESTED", account, "AGENT", number, null, reason);
				}
			}
		}

		void question(UUID account, Instant at, double portal) {
			boolean unanswered = this.random.nextDouble() < 0.15;
			String query = unanswered ? UNANSWERED[this.random.nextInt(UNANSWERED.length)]
					: QUERIES[this.random.nextInt(QUERIES.length)];
			add(at, "SEARCH", account, "PORTAL", query, unanswered ? 0.0 : 1.0 + this.random.nextInt(6), null);
			Instant later = at.plusSeconds(30 + this.random.nextInt(300));
			double path = this.random.nextDouble();
			if (path < 0.3) {
				boolean answered = this.random.nextDouble() < 0.8;
				add(later, "ASSISTANT_CHAT", account, "PORTAL", null, answered ? 1.0 : 0.0, null);
				if (!answered) {
					ticket(account, later.plusSeconds(60), null);
				}
			}
			else if (path < 0.75) {
				String draft = new UUID(this.random.nextLong(), this.random.nextLong()).toString();
				boolean helped = this.random.nextDouble() < 0.65;
				add(later, "DRAFT_STARTED", account, "PORTAL", draft, helped ? 1.0 : 0.0, null);
				if (helped) {
					add(later.plusSeconds(20), "ARTICLE_VIEW", account, "PORTAL",
							ARTICLES[this.random.nextInt(ARTICLES.length)], null, null);
				}
				if (!helped || this.random.nextDouble() > portal) {
					ticket(account, within(later, Duration.ofHours(30)), null);
				}
			}
			else if (!unanswered) {
				add(later, "ARTICLE_VIEW", account, "PORTAL", ARTICLES[this.random.nextInt(ARTICLES.length)], null,
						null);
			}
		}

		private record Ticket(String number, Instant viewed) {
		}

		Ticket ticket(UUID account, Instant opened, @Nullable String order) {
			String number = "SIM-T" + (10000 + this.tickets++);
			add(opened, "TICKET_OPENED", account, "AGENT", number, null, order);
			Instant viewed = opened.plus(Duration.ofMinutes(10 + this.random.nextInt(600)));
			double handle = Math.min(3600, 60 * Math.exp(1.6 + 0.5 * this.random.nextGaussian()));
			add(viewed, "TICKET_VIEWED", null, "AGENT", number, null, null);
			Instant replied = viewed.plusSeconds((long) handle);
			add(replied, "AGENT_REPLY", account, "AGENT", number, handle, null);
			boolean first = this.random.nextDouble() < 0.72;
			Instant solved = replied.plus(Duration.ofHours(first ? 1 : 8 + this.random.nextInt(40)));
			add(solved, "TICKET_SOLVED", account, "AGENT", number,
					Duration.between(opened, solved).toSeconds() / 3600.0, first ? "first" : "later");
			if (this.random.nextDouble() < 0.35) {
				double score = first ? 3 + this.random.nextInt(3) : 1 + this.random.nextInt(5);
				add(solved.plus(Duration.ofHours(2)), "CSAT", account, "PORTAL", number, score, null);
			}
			return new Ticket(number, viewed);
		}

	}

}
