package io.concierge.analytics.web;

import java.math.BigDecimal;
import java.security.Principal;
import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.analytics.Analytics;
import io.concierge.analytics.Analytics.Report;
import io.concierge.analytics.Sums;
import io.concierge.analytics.Targets;

/**
 * The administrators' analytics: the rates of a period against their targets, charts over
 * time each with its table, the targets' form, and the same figures as CSV and JSON.
 */
@Controller
class AnalyticsController {

	static final String PAGE = "/admin/analytics";

	/** The rates of a period, by their name in the CSV and JSON. */
	private static final Map<String, Function<Sums, @Nullable Double>> RATES = rates();

	private final Analytics analytics;

	private final Targets targets;

	AnalyticsController(Analytics analytics, Targets targets) {
		this.analytics = analytics;
		this.targets = targets;
	}

	private static Map<String, Function<Sums, @Nullable Double>> rates() {
		Map<String, Function<Sums, @Nullable Double>> rates = new LinkedHashMap<>();
		rates.put("portal_customers", Sums::portalCustomers);
		rates.put("portal_interactions", Sums::portalInteractions);
		rates.put("self_service_resolution", Sums::selfServiceResolution);
		rates.put("deflection", Sums::deflection);
		rates.put("portal_checks_per_order", Sums::portalChecksPerOrder);
		rates.put("agent_checks_per_order", Sums::agentChecksPerOrder);
		rates.put("handle_minutes", Sums::handleMinutes);
		rates.put("resolution_hours", Sums::resolutionHours);
		rates.put("first_contact_resolution", Sums::firstContactResolution);
		rates.put("csat", Sums::csat);
		rates.put("csat_mean", Sums::csatMean);
		rates.put("nps", Sums::nps);
		return rates;
	}

	@GetMapping(PAGE)
	String page(@RequestParam(defaultValue = "30") int days, Locale locale, Model model) {
		Report report = this.analytics.lastDays(period(days));
		show(report, locale, model);
		model.addAttribute("input", plain(report.targets()));
		return "analytics/dashboard";
	}

	@PostMapping(PAGE + "/targets")
	String targets(@RequestParam Map<String, String> input, Principal principal, Locale locale,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		try {
			this.targets.change(input, principal.getName());
		}
		catch (Targets.InvalidTarget ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			show(this.analytics.lastDays(30), locale, model);
			model.addAttribute("input", input);
			model.addAttribute("invalid", ex.metric());
			return "analytics/dashboard";
		}
		redirect.addFlashAttribute("saved", true);
		return "redirect:" + PAGE + "#targets";
	}

	@GetMapping(path = PAGE + ".json", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Map<String, Object> json(@RequestParam(defaultValue = "30") int days) {
		Report report = this.analytics.lastDays(period(days));
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("from", report.from().toString());
		json.put("to", report.to().toString());
		json.put("days", report.days());
		Map<String, @Nullable Object> totals = new LinkedHashMap<>(values(report.totals()));
		totals.put("status_query_reduction", report.totals().statusQueryReduction(report.baseline()));
		json.put("rates", totals);
		json.put("targets", report.targets());
		json.put("points", report.points().stream().map((point) -> {
			Map<String, @Nullable Object> values = new LinkedHashMap<>();
			values.put("from", point.from().toString());
			values.put("to", point.to().toString());
			values.putAll(values(point.sums()));
			return values;
		}).toList());
		json.put("searches", report.searches());
		json.put("zeroResultSearches", report.zeroSearches());
		json.put("returnReasons", report.returnReasons());
		json.put("articles", report.articles());
		return json;
	}

	@GetMapping(PAGE + ".csv")
	ResponseEntity<String> csv(@RequestParam(defaultValue = "30") int days) {
		Report report = this.analytics.lastDays(period(days));
		StringBuilder csv = new StringBuilder("from,to,").append(String.join(",", RATES.keySet())).append("\r\n");
		for (Analytics.Point point : report.points()) {
			csv.append(point.from()).append(',').append(point.to());
			RATES.values().forEach((rate) -> {
				Double value = rate.apply(point.sums());
				csv.append(',').append((value != null) ? String.format(Locale.ROOT, "%.4f", value) : "");
			});
			csv.append("\r\n");
		}
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"analytics-" + report.from() + "-" + report.to() + ".csv\"")
			.body(csv.toString());
	}

	private static Map<String, @Nullable Object> values(Sums sums) {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		RATES.forEach((name, rate) -> values.put(name, rate.apply(sums)));
		return values;
	}

	private static int period(int days) {
		return Analytics.PERIODS.contains(days) ? days : 30;
	}

	private static Map<String, String> plain(Map<String, BigDecimal> targets) {
		Map<String, String> plain = new LinkedHashMap<>();
		targets.forEach((metric, value) -> plain.put(metric, value.stripTrailingZeros().toPlainString()));
		return plain;
	}

	private void show(Report report, Locale locale, Model model) {
		Format format = new Format(locale);
		Sums totals = report.totals();
		Sums before = report.baseline();
		model.addAttribute("outcomes",
				List.of(outcome("analytics.outcome.misdeliveries", totals.misdeliveriesPerThousand(),
						before.misdeliveriesPerThousand(), -0.15, format::number, format),
						outcome("analytics.outcome.pickupOnTime", totals.pickupOnTime(), before.pickupOnTime(), 0.10,
								format::percent, format),
						outcome("analytics.outcome.orderToShip", totals.orderToShipHours(), before.orderToShipHours(),
								-0.05, format::number, format),
						outcome("analytics.outcome.purchaseOrderToShip", totals.purchaseOrderToShipHours(),
								before.purchaseOrderToShipHours(), -0.05, format::number, format)));
		Map<String, BigDecimal> targets = report.targets();
		model.addAttribute("report", report);
		model.addAttribute("days", report.days());
		model.addAttribute("periods", List.of(30, 90, 365));
		model.addAttribute("metrics", Targets.metrics());
		Double reduction = totals.statusQueryReduction(report.baseline());
		model.addAttribute("kpis",
				List.of(kpi("analytics.kpi.portalCustomers", format.percent(totals.portalCustomers()), null, null),
						kpi("analytics.kpi.portalInteractions", format.percent(totals.portalInteractions()),
								targets.get(Targets.PORTAL_INTERACTIONS),
								met(totals.portalInteractions(), targets.get(Targets.PORTAL_INTERACTIONS), true)),
						kpi("analytics.kpi.selfService", format.percent(totals.selfServiceResolution()),
								targets.get(Targets.SELF_SERVICE_RESOLUTION),
								met(totals.selfServiceResolution(), targets.get(Targets.SELF_SERVICE_RESOLUTION),
										false)),
						kpi("analytics.kpi.deflection", format.percent(totals.deflection()), null, null),
						kpi("analytics.kpi.portalChecks", format.number(totals.portalChecksPerOrder()), null, null),
						kpi("analytics.kpi.agentChecks", format.number(totals.agentChecksPerOrder()), null, null),
						kpi("analytics.kpi.reduction", format.percent(reduction),
								targets.get(Targets.STATUS_QUERY_REDUCTION),
								met(reduction, targets.get(Targets.STATUS_QUERY_REDUCTION), false)),
						kpi("analytics.kpi.handle", format.number(totals.handleMinutes()), null, null),
						kpi("analytics.kpi.resolution", format.number(totals.resolutionHours()), null, null),
						kpi("analytics.kpi.firstContact", format.percent(totals.firstContactResolution()), null, null),
						kpi("analytics.kpi.csat", format.percent(totals.csat()), null, null),
						kpi("analytics.kpi.nps", format.number(totals.nps()), null, null)));
		DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
		List<Chart> charts = new ArrayList<>();
		charts.add(chart("adoption", true, report, dates, format,
				List.of(new Series("analytics.series.portalInteractions", Sums::portalInteractions),
						new Series("analytics.series.portalCustomers", Sums::portalCustomers),
						constant("analytics.series.targetPortal", targets.get(Targets.PORTAL_INTERACTIONS)))));
		charts.add(chart("resolution", true, report, dates, format,
				List.of(new Series("analytics.series.selfService", Sums::selfServiceResolution),
						new Series("analytics.series.deflection", Sums::deflection),
						constant("analytics.series.targetSelfService", targets.get(Targets.SELF_SERVICE_RESOLUTION)))));
		charts.add(chart("wismo", false, report, dates, format,
				List.of(new Series("analytics.series.portalChecks", Sums::portalChecksPerOrder),
						new Series("analytics.series.agentChecks", Sums::agentChecksPerOrder))));
		charts.add(chart("satisfaction", true, report, dates, format,
				List.of(new Series("analytics.series.csat", Sums::csat),
						new Series("analytics.series.firstContact", Sums::firstContactResolution))));
		model.addAttribute("charts", charts);
	}

	private static Series constant(String key, @Nullable BigDecimal percent) {
		return new Series(key, (sums) -> (percent != null) ? percent.doubleValue() / 100 : null);
	}

	/**
	 * One of the seed's measured outcomes: the period against the one before, and the
	 * change the seed names as its target (down 15 %, up 10 %, down 5 %).
	 */
	private static Outcome outcome(String key, @Nullable Double now, @Nullable Double before, double target,
			Function<@Nullable Double, String> shown, Format format) {
		Double change = (now == null || before == null || before == 0) ? null : now / before - 1;
		Boolean met = (change == null) ? null : (target < 0) ? change <= target : change >= target;
		return new Outcome(key, shown.apply(now), shown.apply(before), format.signedPercent(change),
				format.signedPercent(target), met);
	}

	record Outcome(String key, String value, String baseline, String change, String target, @Nullable Boolean met) {
	}

	private static Kpi kpi(String key, String value, @Nullable BigDecimal target, @Nullable Boolean met) {
		return new Kpi(key, value, (target != null) ? target.stripTrailingZeros().toPlainString() : null, met);
	}

	private static @Nullable Boolean met(@Nullable Double value, @Nullable BigDecimal target, boolean above) {
		if (value == null || target == null) {
			return null;
		}
		double percent = value * 100;
		return above ? percent > target.doubleValue() : percent >= target.doubleValue();
	}

	private static Chart chart(String id, boolean percent, Report report, DateTimeFormatter dates, Format format,
			List<Series> series) {
		List<Chart.Row> rows = report.points().stream().map((point) -> {
			String label = point.from().equals(point.to()) ? dates.format(point.from())
					: dates.format(point.from()) + " – " + dates.format(point.to());
			List<Chart.Cell> cells = series.stream().map((one) -> {
				Double value = one.rate().apply(point.sums());
				String raw = (value == null) ? "" : String.format(Locale.ROOT, "%.4f", percent ? value * 100 : value);
				return new Chart.Cell(percent ? format.percent(value) : format.number(value), raw);
			}).toList();
			return new Chart.Row(label, cells);
		}).toList();
		return new Chart(id, percent, series.stream().map(Series::key).toList(), rows);
	}

	record Series(String key, Function<Sums, @Nullable Double> rate) {
	}

	/**
	 * A chart and the table it is drawn from (the script reads the table).
	 */
	record Chart(String id, boolean percent, List<String> series, List<Row> rows) {

		record Row(String label, List<Cell> cells) {
		}

		/**
		 * @param raw the value in the chart's unit, with a dot, empty when there is none
		 */
		record Cell(String text, String raw) {
		}

	}

	/**
	 * @param met null where there is no target or no value
	 */
	record Kpi(String key, String value, @Nullable String target, @Nullable Boolean met) {
	}

	private static final class Format {

		private final NumberFormat percent;

		private final NumberFormat number;

		Format(Locale locale) {
			this.percent = NumberFormat.getPercentInstance(locale);
			this.percent.setMinimumFractionDigits(1);
			this.percent.setMaximumFractionDigits(1);
			this.number = NumberFormat.getNumberInstance(locale);
			this.number.setMinimumFractionDigits(1);
			this.number.setMaximumFractionDigits(2);
		}

		String percent(@Nullable Double value) {
			return (value == null) ? "–" : this.percent.format(value);
		}

		String signedPercent(@Nullable Double value) {
			return (value == null) ? "–" : ((value > 0) ? "+" : "") + this.percent.format(value);
		}

		String number(@Nullable Double value) {
			return (value == null) ? "–" : this.number.format(value);
		}

	}

}
