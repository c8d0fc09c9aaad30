package io.concierge.analytics;

import java.math.BigDecimal;
import java.security.Principal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.concierge.IntegrationTest;
import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.orders.OrderManagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Analytics on the running application: the rates read from the daily sums are the rates
 * recomputed from the raw events; a real order page view arrives in the sums; targets are
 * validated; the exports; administrators only.
 */
@IntegrationTest
class AnalyticsTests {

	private static final String CUSTOMER = "alex.morgan@example.com";

	private static final String ADMIN = "admin@concierge.example";

	@Autowired
	Population population;

	@Autowired
	Rollups rollups;

	@Autowired
	Analytics analytics;

	@Autowired
	Targets targets;

	@Autowired
	Survey survey;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvcTester mvc;

	@Test
	void theRatesFromTheDailySumsAreTheRatesOfTheRawEvents() {
		int written = this.population.simulate(20261203L, 200, 90, Instant.now());
		assertThat(written).isGreaterThan(3000);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			this.rollups.catchUp();
			LocalDate from = day("min");
			LocalDate to = day("max");
			Sums sums = this.analytics.report(from, to, (int) (to.toEpochDay() - from.toEpochDay() + 1)).totals();
			String interactions = Rollups.INTERACTIONS;
			same(sums.portalInteractions(), ratio("count(*) filter (where channel = 'PORTAL')", "count(*)",
					"kind in " + interactions + " and channel is not null"));
			same(sums.portalCustomers(), rawValue("""
					select count(*) filter (where portal)::float8 / nullif(count(*), 0) from (
					  select (occurred_at at time zone 'UTC')::date, account, bool_or(channel = 'PORTAL') as portal
					  from analytics_event where account is not null and kind in %s group by 1, 2) days"""
				.formatted(interactions)));
			same(sums.selfServiceResolution(),
					ratio("count(*) filter (where channel = 'PORTAL')", "count(*)",
							"kind in ('STATUS_CHECK', 'TICKET_OPENED', 'RETURN_REQUESTED', 'CHANGE_REQUESTED') "
									+ "or (kind = 'ASSISTANT_CHAT' and value = 1)"));
			same(sums.portalChecksPerOrder(), rawValue(
					"select (select count(*) from analytics_event where kind = 'STATUS_CHECK' and channel = 'PORTAL')::float8"
							+ " / nullif((select count(*) from analytics_event where kind = 'ORDER_PLACED'), 0)"));
			same(sums.agentChecksPerOrder(), rawValue(
					"select (select count(*) from analytics_event where kind = 'STATUS_CHECK' and channel = 'AGENT')::float8"
							+ " / nullif((select count(*) from analytics_event where kind = 'ORDER_PLACED'), 0)"));
			same(sums.handleMinutes(), rawValue(
					"select avg(value) / 60 from analytics_event where kind = 'AGENT_REPLY' and value is not null"));
			same(sums.resolutionHours(), rawValue(
					"select avg(value) from analytics_event where kind = 'TICKET_SOLVED' and value is not null"));
			same(sums.firstContactResolution(), ratio("count(*) filter (where detail = 'first')", "count(*)",
					"kind = 'TICKET_SOLVED' and detail is not null"));
			same(sums.csat(), ratio("count(*) filter (where round(value) >= 4)", "count(*)", "kind = 'CSAT'"));
			same(sums.csatMean(), rawValue("select avg(value) from analytics_event where kind = 'CSAT'"));
			same(sums.nps(), rawValue("select 100.0 * (count(*) filter (where value >= 9) - count(*) filter "
					+ "(where value < 7)) / nullif(count(*), 0) from analytics_event where kind = 'NPS'"));
			same(sums.deflection(), deflectionFromRawEvents());
			same(sums.misdeliveriesPerThousand(), rawValue("""
					select 1000.0 * count(*) filter (where kind in ('PARCEL_RETURNED', 'PARCEL_DISCREPANCY'))
					  / nullif(count(*) filter (where kind = 'PARCEL_DELIVERED'), 0) from analytics_event"""));
			same(sums.pickupOnTime(), rawValue("""
					select (count(*) filter (where kind = 'PICKUP_COLLECTED' and value = 1))::float8
					  / nullif(count(*) filter (where kind = 'PICKUP_BOOKED'), 0) from analytics_event"""));
			same(sums.orderToShipHours(),
					rawValue("select avg(value) from analytics_event where kind = 'ORDER_SHIPPED'"));
			same(sums.purchaseOrderToShipHours(),
					rawValue("select avg(value) from analytics_event where kind = 'PO_SHIPPED'"));
		});
	}

	@Test
	void theSimulatedPopulationShowsMeaningfulFigures() {
		List<EventLog.Event> events = this.population.generate(AnalyticsDemo.SEED, 300, 90, Instant.now());
		Sums sums = new Sums();
		for (EventLog.Event event : events) {
			if (event.kind().equals("STATUS_CHECK")) {
				sums.add("interactions", event.channel(), 1, 0);
			}
		}
		assertThat(events).hasSizeGreaterThan(5000);
		assertThat(sums.portalInteractions()).isBetween(0.4, 0.9);
		assertThat(events).extracting(EventLog.Event::kind)
			.contains("ORDER_PLACED", "STATUS_CHECK", "ARTICLE_VIEW", "ASSISTANT_CHAT", "TICKET_OPENED",
					"RETURN_REQUESTED", "SEARCH", "NPS", "CSAT", "DRAFT_STARTED", "AGENT_REPLY", "TICKET_SOLVED");
		assertThat(this.population.generate(AnalyticsDemo.SEED, 300, 90, Instant.EPOCH))
			.as("the same seed, the same population")
			.hasSameSizeAs(this.population.generate(AnalyticsDemo.SEED, 300, 90, Instant.EPOCH));
	}

	@Test
	void aCustomerViewingTheirOrderArrivesInTheSumsAsAPortalStatusCheck(@Autowired Callers callers,
			@Autowired OrderManagement orders) {
		Caller alex = callers.of((Principal) () -> CUSTOMER);
		String number = orders.newest(alex.account(), null, 1).getFirst();
		long before = portalChecksToday();
		Instant start = Instant.now();
		assertThat(this.mvc.get().uri("/orders/{number}", number).with(user(CUSTOMER).roles("CUSTOMER"))).hasStatusOk();
		// the scheduled job (every 2 s in the tests) adds it
		await().atMost(Duration.ofSeconds(20)).until(() -> portalChecksToday() > before);
		assertThat(this.jdbc
			.sql("select count(*) from analytics_event where kind = 'STATUS_CHECK' and occurred_at >= ? "
					+ "and (account = ? or subject = ?)")
			.params(Timestamp.from(start), alex.account(), number)
			.query(Long.class)
			.single()).as("Alex did not agree to analytics: counted, but not as Alex's").isZero();
	}

	@Test
	void targetsAreSavedAllAtOnceOrNotAtAll() {
		Map<String, BigDecimal> defaults = this.targets.current();
		try {
			assertThat(this.mvc.post()
				.uri("/admin/analytics/targets")
				.param(Targets.SELF_SERVICE_RESOLUTION, "70")
				.param(Targets.PORTAL_INTERACTIONS, "45,5")
				.param(Targets.STATUS_QUERY_REDUCTION, "25")
				.with(user(ADMIN).roles("ADMINISTRATOR"))
				.with(csrf())).hasStatus3xxRedirection();
			assertThat(this.targets.current().get(Targets.PORTAL_INTERACTIONS)).isEqualByComparingTo("45.5");
			MvcTestResult refused = this.mvc.post()
				.uri("/admin/analytics/targets")
				.param(Targets.SELF_SERVICE_RESOLUTION, "150")
				.param(Targets.PORTAL_INTERACTIONS, "50")
				.param(Targets.STATUS_QUERY_REDUCTION, "30")
				.with(user(ADMIN).roles("ADMINISTRATOR"))
				.with(csrf())
				.exchange();
			assertThat(refused).hasStatus(HttpStatus.BAD_REQUEST)
				.bodyText()
				.contains("Nothing was saved", "must be a percentage from 0 to 100", "aria-invalid=\"true\"");
			assertThat(this.targets.current().get(Targets.SELF_SERVICE_RESOLUTION)).isEqualByComparingTo("70");
			assertThat(this.targets.current().get(Targets.PORTAL_INTERACTIONS)).isEqualByComparingTo("45.5");
			assertThat(this.mvc.post()
				.uri("/admin/analytics/targets")
				.param(Targets.SELF_SERVICE_RESOLUTION, "sixty")
				.param(Targets.PORTAL_INTERACTIONS, "-1")
				.param(Targets.STATUS_QUERY_REDUCTION, "30")
				.with(user(ADMIN).roles("ADMINISTRATOR"))
				.with(csrf())).hasStatus(HttpStatus.BAD_REQUEST);
		}
		finally {
			this.targets.change(Map.of(Targets.SELF_SERVICE_RESOLUTION,
					defaults.get(Targets.SELF_SERVICE_RESOLUTION).toPlainString(), Targets.PORTAL_INTERACTIONS,
					defaults.get(Targets.PORTAL_INTERACTIONS).toPlainString(), Targets.STATUS_QUERY_REDUCTION,
					defaults.get(Targets.STATUS_QUERY_REDUCTION).toPlainString()), "test");
		}
	}

	@Test
	void theExportsHaveAHeaderAndARowPerPoint() throws Exception {
		MvcTestResult csv = this.mvc.get()
			.uri("/admin/analytics.csv?days=90")
			.with(user(ADMIN).roles("ADMINISTRATOR"))
			.exchange();
		assertThat(csv).hasStatusOk().hasContentTypeCompatibleWith("text/csv");
		String[] lines = csv.getResponse().getContentAsString().split("\r\n");
		assertThat(lines[0]).startsWith("from,to,portal_customers,portal_interactions,self_service_resolution");
		assertThat(lines).hasSize(1 + 13);
		assertThat(lines[1].split(",", -1)).hasSize(lines[0].split(",").length);
		assertThat(this.mvc.get().uri("/admin/analytics.json?days=365").with(user(ADMIN).roles("ADMINISTRATOR")))
			.hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.days", (days) -> assertThat(days).isEqualTo(365))
			.hasPathSatisfying("$.targets.self_service_resolution", (value) -> assertThat(value).isNotNull())
			.hasPathSatisfying("$.points", (points) -> assertThat(points).asList().hasSize(14));
		assertThat(this.mvc.get().uri("/admin/analytics?days=90").with(user(ADMIN).roles("ADMINISTRATOR")))
			.hasStatusOk()
			.bodyText()
			.contains("<canvas", "table-wismo", "Last 90 days");
	}

	@Test
	void onlyAdministratorsSeeAnalytics() {
		for (String path : List.of("/admin/analytics", "/admin/analytics.csv", "/admin/analytics.json")) {
			assertThat(this.mvc.get().uri(path).with(user(CUSTOMER).roles("CUSTOMER"))).hasStatus(HttpStatus.FORBIDDEN);
			assertThat(this.mvc.get().uri(path).with(user("agent@concierge.example").roles("AGENT")))
				.hasStatus(HttpStatus.FORBIDDEN);
		}
	}

	@Test
	void aCustomerAnswersTheSurveyOnceIn90Days() {
		UUID account = UUID.randomUUID();
		assertThat(this.survey.nextAnswer(account)).isEmpty();
		assertThat(this.survey.answer(account, 9, "Quick answers")).isTrue();
		assertThat(this.survey.answer(account, 3, null)).isFalse();
		assertThat(this.survey.nextAnswer(account)).isPresent();
		assertThat(this.mvc.post()
			.uri("/account/survey")
			.param("score", "11")
			.with(user(CUSTOMER).roles("CUSTOMER"))
			.with(csrf())).hasStatus(HttpStatus.BAD_REQUEST).bodyText().contains("Choose a number from 0 to 10");
	}

	private static void same(@Nullable Double fromSums, @Nullable Double fromRawEvents) {
		if (fromRawEvents == null) {
			assertThat(fromSums).isNull();
		}
		else {
			assertThat(fromSums).isNotNull();
			assertThat(fromSums).isCloseTo(fromRawEvents, within(1e-9));
		}
	}

	private long portalChecksToday() {
		return this.jdbc
			.sql("select coalesce(sum(count), 0) from analytics_daily where metric = 'status_checks' "
					+ "and dimension = 'PORTAL' and day = ?")
			.param(Date.valueOf(LocalDate.now(ZoneOffset.UTC)))
			.query(Long.class)
			.single();
	}

	private LocalDate day(String which) {
		return this.jdbc.sql("select " + which + "(occurred_at at time zone 'UTC')::date from analytics_event")
			.query(Date.class)
			.single()
			.toLocalDate();
	}

	private @Nullable Double ratio(String part, String whole, String where) {
		return rawValue("select (" + part + ")::float8 / nullif(" + whole + ", 0) from analytics_event where " + where);
	}

	private @Nullable Double rawValue(String sql) {
		return this.jdbc.sql(sql).query((row, n) -> (row.getObject(1) != null) ? row.getDouble(1) : null).list().get(0);
	}

	/**
	 * Support's formula, in Java on the raw drafts and tickets, for the drafts decided so
	 * far.
	 */
	private @Nullable Double deflectionFromRawEvents() {
		Instant decided = this.rollups.decidedUntil();
		List<Row> drafts = rows("DRAFT_STARTED", decided);
		Instant all = Instant.now().plus(Duration.ofDays(1));
		List<Row> tickets = rows("TICKET_OPENED", all);
		List<String> helped = rows("DRAFT_HELPED", all).stream().map(Row::subject).toList();
		List<String> undone = rows("DRAFT_TICKET", all).stream().map(Row::subject).toList();
		if (drafts.isEmpty()) {
			return null;
		}
		long deflected = drafts.stream()
			.filter((draft) -> (draft.value() != null && draft.value() == 1) || helped.contains(draft.subject()))
			.filter((draft) -> !undone.contains(draft.subject()))
			.filter((draft) -> tickets.stream()
				.noneMatch((ticket) -> draft.account() != null && draft.account().equals(ticket.account())
						&& !ticket.at().isBefore(draft.at())
						&& !ticket.at().isAfter(draft.at().plus(Duration.ofHours(72)))
						&& (draft.detail() == null || draft.detail().equals(ticket.detail()))))
			.count();
		return (double) deflected / drafts.size();
	}

	record Row(Instant at, @Nullable UUID account, @Nullable String subject, @Nullable Double value,
			@Nullable String detail) {
	}

	private List<Row> rows(String kind, Instant before) {
		return this.jdbc
			.sql("select occurred_at, account, subject, value, detail from analytics_event where kind = ? "
					+ "and occurred_at < ?")
			.params(kind, Timestamp.from(before))
			.query((row, n) -> new Row(row.getTimestamp(1).toInstant(), row.getObject(2, UUID.class), row.getString(3),
					(row.getObject(4) != null) ? row.getDouble(4) : null, row.getString(5)))
			.list();
	}

}
