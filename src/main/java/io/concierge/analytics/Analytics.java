package io.concierge.analytics;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The analytics page's figures, read from the sums per day only (see {@link Rollups}).
 */
@Service
public class Analytics {

	public static final Set<Integer> PERIODS = Set.of(30, 90, 365);

	private static final int MOST_KEPT = 16;

	private static final String SCALAR_METRICS = "('interactions', 'needs', 'status_checks', 'orders', 'tickets', "
			+ "'handle_time', 'resolution_time', 'first_contact', 'csat', 'nps', 'deflection', 'active_customers', "
			+ "'parcels_delivered', 'misdeliveries', 'pickups_booked', 'pickups_on_time', 'order_to_ship', 'po_to_ship')";

	private final JdbcClient jdbc;

	private final Targets targets;

	private final Clock clock;

	/**
	 * The reports made since the sums last changed (a few periods, read by every
	 * administrator's page): the sums change only when the rollup job runs, so a report
	 * is made once per run and period, however often the page is opened, on every node.
	 */
	private final Map<Key, Report> reports = new ConcurrentHashMap<>();

	Analytics(JdbcClient jdbc, Targets targets, Clock clock) {
		this.jdbc = jdbc;
		this.targets = targets;
		this.clock = clock;
	}

	/**
	 * A stretch of days of the chart with its sums.
	 */
	public record Point(LocalDate from, LocalDate to, Sums sums) {
	}

	/**
	 * A value of a dimension with how often it came up.
	 */
	public record Ranked(String name, long count) {
	}

	/**
	 * The figures of the days from {@code from} to {@code to} (UTC, inclusive).
	 *
	 * @param baseline the same number of days just before
	 */
	public record Report(LocalDate from, LocalDate to, Sums totals, Sums baseline, List<Point> points,
			List<Ranked> searches, List<Ranked> zeroSearches, List<Ranked> returnReasons, List<Ranked> articles,
			Map<String, BigDecimal> targets) {

		public int days() {
			return (int) ChronoUnit.DAYS.between(this.from, this.to) + 1;
		}

	}

	/**
	 * The last {@code days} days up to today, in points of a day (30 days), a week (90)
	 * or four weeks (365).
	 */
	@Transactional(readOnly = true)
	public Report lastDays(int days) {
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		int step = (days <= 31) ? 1 : (days <= 120) ? 7 : 28;
		String version = this.jdbc
			.sql("select last_id || '/' || coalesce(decided_until::text, '') from analytics_watermark"
					+ " where name = 'rollup'")
			.query(String.class)
			.single();
		Key key = new Key(today.minusDays(days - 1), today, step, version);
		Report report = this.reports.get(key);
		if (report == null) {
			report = report(key.from(), key.to(), step);
			if (this.reports.size() >= MOST_KEPT || !this.reports.keySet().stream().allMatch(key::sameSums)) {
				this.reports.clear();
			}
			this.reports.put(key, report);
		}
		return new Report(report.from(), report.to(), report.totals(), report.baseline(), report.points(),
				report.searches(), report.zeroSearches(), report.returnReasons(), report.articles(),
				this.targets.current());
	}

	/**
	 * A report asked for, with the state of the sums it was made from: the rollup job's
	 * watermark, which moves whenever the sums change.
	 */
	private record Key(LocalDate from, LocalDate to, int step, String version) {

		boolean sameSums(Key other) {
			return this.version.equals(other.version);
		}

	}

	@Transactional(readOnly = true)
	public Report report(LocalDate from, LocalDate to, int step) {
		int days = (int) ChronoUnit.DAYS.between(from, to) + 1;
		LocalDate baselineFrom = from.minusDays(days);
		List<Point> points = new ArrayList<>();
		for (LocalDate start = from; !start.isAfter(to); start = start.plusDays(step)) {
			LocalDate end = start.plusDays(step - 1);
			points.add(new Point(start, end.isAfter(to) ? to : end, new Sums()));
		}
		Sums totals = new Sums();
		Sums baseline = new Sums();
		this.jdbc
			.sql("select day, metric, dimension, count, sum from analytics_daily where day between ? and ? "
					+ "and metric in " + SCALAR_METRICS)
			.params(Date.valueOf(baselineFrom), Date.valueOf(to))
			.query((RowCallbackHandler) (row) -> {
				LocalDate day = row.getDate(1).toLocalDate();
				String metric = row.getString(2);
				String dimension = row.getString(3);
				long count = row.getLong(4);
				double sum = row.getDouble(5);
				if (day.isBefore(from)) {
					baseline.add(metric, dimension, count, sum);
				}
				else {
					totals.add(metric, dimension, count, sum);
					int index = (int) (ChronoUnit.DAYS.between(from, day) / step);
					points.get(index).sums().add(metric, dimension, count, sum);
				}
			});
		return new Report(from, to, totals, baseline, points, top("searches", from, to), top("zero_searches", from, to),
				top("return_reasons", from, to), top("articles", from, to), this.targets.current());
	}

	private List<Ranked> top(String metric, LocalDate from, LocalDate to) {
		return this.jdbc.sql("""
				select dimension, sum(count) from analytics_daily
				where metric = ? and day between ? and ? and dimension <> ''
				group by dimension order by 2 desc, 1 limit 10""")
			.params(metric, Date.valueOf(from), Date.valueOf(to))
			.query((row, n) -> new Ranked(row.getString(1), row.getLong(2)))
			.list();
	}

}
