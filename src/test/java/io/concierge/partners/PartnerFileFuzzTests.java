package io.concierge.partners;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.concierge.shared.StorableText;
import io.concierge.shared.StorableTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a partner uploads or posts (purchase orders as CSV or X12 850, advance ship
 * notices as X12 856, parcel statuses as CSV, stock levels as JSON), reading it gives
 * what the partner tables can store, or the refusal that names the line and value at
 * fault (and is audited, so its value must be storable too): never another exception,
 * which would be a 500. Runs the committed inputs beside this class as regression tests;
 * {@code JAZZER_FUZZ=1 ./mvnw test -Dtest='PartnerFileFuzzTests#purchaseOrderX12'} fuzzes
 * one for real.
 */
class PartnerFileFuzzTests {

	private static final Set<String> SKUS = Set.of("MUG-01", "POT-07", "TEA-1");

	private static final LocalDate TODAY = LocalDate.parse("2026-11-22");

	private static final Instant NOW = Instant.parse("2026-11-22T09:30:00Z");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@FuzzTest(maxDuration = "30s")
	void purchaseOrderCsv(byte[] file) {
		List<PurchaseOrders.Draft> drafts;
		try {
			drafts = PurchaseOrders.csvDrafts(file);
		}
		catch (PurchaseOrderRefused refused) {
			problems(refused.problems());
			return;
		}
		taken(drafts);
	}

	@FuzzTest(maxDuration = "30s")
	void purchaseOrderX12(byte[] file) {
		PurchaseOrderX12.Order order;
		try {
			order = PurchaseOrderX12.read(file);
		}
		catch (PurchaseOrderX12.Not850 refused) {
			storable(refused.getMessage());
			return;
		}
		storable(order.number());
		if (order.date() != null) {
			assertThat(StorableTime.problem(order.date())).isNull();
		}
		List<PurchaseOrder.Line> lines = taken(order.drafts());
		if (!lines.isEmpty()) {
			PurchaseOrder taken = new PurchaseOrder(UUID.randomUUID(), UUID.randomUUID(), "Nordwind", order.number(),
					"X12", PurchaseOrder.Status.ACKNOWLEDGED, "buyer@nordwind.example", NOW, NOW, null, null, null,
					lines);
			storable(PurchaseOrderX12.acknowledgement(taken, order.envelope(), order.date(), 2, NOW));
		}
	}

	@FuzzTest(maxDuration = "30s")
	void shipNotices(byte[] file) {
		PurchaseOrderShipNotices.ShipNotice notice;
		try {
			notice = PurchaseOrderShipNotices.read(file);
		}
		catch (PurchaseOrderShipNotices.NotX12 refused) {
			storable(refused.getMessage());
			return;
		}
		storable(notice.purchaseOrder());
		storable(notice.shipment());
		notice.units().forEach((item, units) -> {
			storable(item);
			assertThat(units).as("units of %s", item).isBetween(0, VendorStock.MOST);
		});
	}

	@FuzzTest(maxDuration = "30s")
	void carrierStatusCsv(byte[] file) {
		List<CarrierShipments.LineError> errors = new ArrayList<>();
		List<CarrierShipments.CsvLine> lines = CarrierShipments.read(new String(file, StandardCharsets.UTF_8), errors);
		for (CarrierShipments.CsvLine line : lines) {
			storable(line.trackingNumber());
			storable(line.update().location());
			storable(line.update().description());
			assertThat(StorableTime.problem(line.update().occurredAt())).isNull();
		}
		assertThat(errors).allSatisfy((error) -> assertThat(error.line()).isPositive());
	}

	@FuzzTest(maxDuration = "30s")
	void stockLevels(byte[] body) {
		List<VendorStock.StockReport> reports;
		try {
			reports = JSON.readValue(body, new TypeReference<List<VendorStock.StockReport>>() {
			});
		}
		catch (JacksonException expected) {
			// Spring answers 400: the body is not a list of levels
			return;
		}
		if (reports == null) {
			return;
		}
		List<VendorStock.StockReport> checked;
		try {
			checked = VendorStock.checked(reports);
		}
		catch (VendorRefused refused) {
			storable(refused.getMessage());
			storable(refused.value());
			return;
		}
		for (VendorStock.StockReport report : checked) {
			assertThat(report.sku()).matches(VendorStock.SKU);
			storable(report.location());
			assertThat(report.quantity()).isBetween(0, VendorStock.MOST);
		}
	}

	/**
	 * The drafts checked as a vendor's purchase order is: every line taken is one the
	 * tables hold, every problem names a value the audit trail can store.
	 */
	private static List<PurchaseOrder.Line> taken(List<PurchaseOrders.Draft> drafts) {
		List<PurchaseOrderRefused.Problem> problems = new ArrayList<>();
		Map<String, List<PurchaseOrder.Line>> orders = PurchaseOrders.lines(drafts, SKUS, TODAY, problems);
		problems(problems);
		List<PurchaseOrder.Line> all = new ArrayList<>();
		orders.forEach((number, lines) -> {
			storable(number);
			for (PurchaseOrder.Line line : lines) {
				assertThat(line.sku()).isIn(SKUS);
				assertThat(line.quantity()).isBetween(1, 1_000_000);
				assertThat(line.unitPrice().precision() - line.unitPrice().scale()).isLessThanOrEqualTo(15);
				assertThat(line.currency()).matches("[A-Z]{3}");
				assertThat(StorableTime.problem(line.requestedDate())).as("requested %s", line.requestedDate())
					.isNull();
				all.add(line);
			}
		});
		return all;
	}

	private static void problems(List<PurchaseOrderRefused.Problem> problems) {
		for (PurchaseOrderRefused.Problem problem : problems) {
			storable(problem.value());
			assertThat(problem.line()).isNotNegative();
		}
	}

	private static void storable(@Nullable String text) {
		if (text != null) {
			assertThat(StorableText.problem(text)).as("storable: %s", text).isNull();
		}
	}

}
