package io.concierge.orders;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.orders.ChangeEvents.ChangePolicyChanged;

/**
 * The rules of the change policy: the properties {@code concierge.orders.policy.*} give
 * the defaults, and what an administrator sets on the policy page is kept in the
 * database, for every node.
 */
@Service
public class PolicySettings {

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Map<String, String> defaults = new LinkedHashMap<>();

	static final Duration FRESH = Duration.ofSeconds(5);

	private record Cached(PolicyRules rules, Instant until) {

	}

	private volatile @Nullable Cached cached;

	PolicySettings(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock,
			@Value("${concierge.orders.policy.cancel-instant-before:PICKING}") String cancelInstantBefore,
			@Value("${concierge.orders.policy.cancel-before:PACKED}") String cancelBefore,
			@Value("${concierge.orders.policy.cancel-instant-within:P2D}") String cancelInstantWithin,
			@Value("${concierge.orders.policy.address-instant-before:PICKING}") String addressInstantBefore,
			@Value("${concierge.orders.policy.address-before:PACKED}") String addressBefore,
			@Value("${concierge.orders.policy.return-days:30}") String returnDays,
			@Value("${concierge.orders.policy.late-return-days:14}") String lateReturnDays,
			@Value("${concierge.orders.policy.approval-above:1000}") String approvalAbove,
			@Value("${concierge.orders.policy.managed-elsewhere:MARKETPLACE}") String managedElsewhere,
			@Value("${concierge.orders.policy.company-returns-need-approval:true}") String companyReturns,
			@Value("${concierge.orders.policy.reschedule-carriers:DHL,DPD}") String rescheduleCarriers) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
		this.defaults.put("cancel-instant-before", cancelInstantBefore);
		this.defaults.put("cancel-before", cancelBefore);
		this.defaults.put("cancel-instant-within", cancelInstantWithin);
		this.defaults.put("address-instant-before", addressInstantBefore);
		this.defaults.put("address-before", addressBefore);
		this.defaults.put("return-days", returnDays);
		this.defaults.put("late-return-days", lateReturnDays);
		this.defaults.put("approval-above", approvalAbove);
		this.defaults.put("managed-elsewhere", managedElsewhere);
		this.defaults.put("company-returns-need-approval", companyReturns);
		this.defaults.put("reschedule-carriers", rescheduleCarriers);
		rules(this.defaults); // a wrong property stops the start, not a customer's
								// request
	}

	/**
	 * The rules now; read from the database at most every few seconds, so every node
	 * follows a change within {@link #FRESH}.
	 */
	public PolicyRules rules() {
		Cached cached = this.cached;
		Instant now = this.clock.instant();
		if (cached == null || cached.until().isBefore(now)) {
			cached = new Cached(read(), now.plus(FRESH));
			this.cached = cached;
		}
		return cached.rules();
	}

	private PolicyRules read() {
		Map<String, String> values = new HashMap<>(this.defaults);
		this.jdbc.sql("select name, value from change_policy_setting")
			.query((row, n) -> Map.entry(row.getString("name"), row.getString("value")))
			.list()
			.forEach((entry) -> values.put(entry.getKey(), entry.getValue()));
		return rules(values);
	}

	/**
	 * The rules from the properties alone, for the page to show next to the settings.
	 */
	public PolicyRules defaults() {
		return rules(this.defaults);
	}

	@Transactional
	public void change(PolicyRules rules, String administrator, String origin) {
		Map<String, String> values = values(rules);
		this.cached = null;
		values.forEach((name, value) -> this.jdbc.sql("""
				insert into change_policy_setting (name, value) values (?, ?)
				on conflict (name) do update set value = excluded.value""").params(name, value).update());
		this.events.publishEvent(new ChangePolicyChanged(administrator,
				values.entrySet().stream().map((e) -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")),
				origin, this.clock.instant()));
	}

	private static Map<String, String> values(PolicyRules rules) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("cancel-instant-before", rules.cancelInstantBefore().name());
		values.put("cancel-before", rules.cancelBefore().name());
		values.put("cancel-instant-within", rules.cancelInstantWithin().toString());
		values.put("address-instant-before", rules.addressInstantBefore().name());
		values.put("address-before", rules.addressBefore().name());
		values.put("return-days", Integer.toString(rules.returnDays()));
		values.put("late-return-days", Integer.toString(rules.lateReturnDays()));
		values.put("approval-above", rules.approvalAbove().toPlainString());
		values.put("managed-elsewhere", String.join(",",
				new TreeSet<>(rules.managedElsewhere().stream().map(Channel::name).collect(Collectors.toSet()))));
		values.put("company-returns-need-approval", Boolean.toString(rules.companyReturnsNeedApproval()));
		values.put("reschedule-carriers", String.join(",", new TreeSet<>(rules.rescheduleCarriers())));
		return values;
	}

	private static PolicyRules rules(Map<String, String> values) {
		return new PolicyRules(LineStatus.valueOf(values.get("cancel-instant-before")),
				LineStatus.valueOf(values.get("cancel-before")), Duration.parse(values.get("cancel-instant-within")),
				LineStatus.valueOf(values.get("address-instant-before")),
				LineStatus.valueOf(values.get("address-before")), Integer.parseInt(values.get("return-days")),
				Integer.parseInt(values.get("late-return-days")), new BigDecimal(values.get("approval-above")),
				list(values.get("managed-elsewhere")).stream().map(Channel::valueOf).collect(Collectors.toSet()),
				Boolean.parseBoolean(values.get("company-returns-need-approval")),
				list(values.get("reschedule-carriers")).stream()
					.map((carrier) -> carrier.toUpperCase(Locale.ROOT))
					.collect(Collectors.toSet()));
	}

	private static Set<String> list(String value) {
		return Arrays.stream(value.split(","))
			.map(String::strip)
			.filter((item) -> !item.isEmpty())
			.collect(Collectors.toCollection(TreeSet::new));
	}

}
