package io.concierge.analytics;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The targets an administrator sets for the rates, in percent; the defaults until then.
 */
@Service
public class Targets {

	public static final String SELF_SERVICE_RESOLUTION = "self_service_resolution";

	public static final String PORTAL_INTERACTIONS = "portal_interactions";

	public static final String STATUS_QUERY_REDUCTION = "status_query_reduction";

	static final Map<String, BigDecimal> DEFAULTS = defaults();

	private final JdbcClient jdbc;

	private final Clock clock;

	Targets(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	private static Map<String, BigDecimal> defaults() {
		Map<String, BigDecimal> defaults = new LinkedHashMap<>();
		defaults.put(SELF_SERVICE_RESOLUTION, new BigDecimal("65"));
		defaults.put(PORTAL_INTERACTIONS, new BigDecimal("40"));
		defaults.put(STATUS_QUERY_REDUCTION, new BigDecimal("30"));
		return Map.copyOf(defaults);
	}

	public static List<String> metrics() {
		return List.of(SELF_SERVICE_RESOLUTION, PORTAL_INTERACTIONS, STATUS_QUERY_REDUCTION);
	}

	/**
	 * Each target in percent, in the order of {@link #metrics()}.
	 */
	@Transactional(readOnly = true)
	public Map<String, BigDecimal> current() {
		Map<String, BigDecimal> current = new LinkedHashMap<>();
		metrics().forEach((metric) -> current.put(metric, DEFAULTS.get(metric)));
		this.jdbc.sql("select metric, percent from analytics_target")
			.query((row, n) -> Map.entry(row.getString(1), row.getBigDecimal(2)))
			.list()
			.forEach((entry) -> current.computeIfPresent(entry.getKey(), (key, old) -> entry.getValue()));
		return current;
	}

	/**
	 * Sets all targets at once, or none when one of them is not a percentage.
	 * @throws InvalidTarget naming the first target that is not a number from 0 to 100
	 */
	@Transactional
	public void change(Map<String, String> input, String actor) {
		Map<String, BigDecimal> parsed = new LinkedHashMap<>();
		for (String metric : metrics()) {
			BigDecimal value = parse(input.get(metric));
			if (value == null || value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0
					|| value.scale() > 2) {
				throw new InvalidTarget(metric);
			}
			parsed.put(metric, value);
		}
		parsed.forEach((metric, value) -> this.jdbc.sql("""
				insert into analytics_target (metric, percent, changed_by, changed_at) values (?, ?, ?, ?)
				on conflict (metric) do update set percent = excluded.percent, changed_by = excluded.changed_by,
				  changed_at = excluded.changed_at""")
			.params(metric, value, actor, Timestamp.from(this.clock.instant()))
			.update());
	}

	private static @Nullable BigDecimal parse(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return new BigDecimal(text.strip().replace(',', '.').replace("%", "").strip()).stripTrailingZeros();
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * A target that is not a percentage from 0 to 100.
	 */
	public static class InvalidTarget extends RuntimeException {

		private final String metric;

		InvalidTarget(String metric) {
			super("invalid target " + metric);
			this.metric = metric;
		}

		public String metric() {
			return this.metric;
		}

	}

}
