package io.concierge.tracking;

import java.util.Map;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.jspecify.annotations.Nullable;

import io.concierge.orders.DeliveryStage;
import io.concierge.orders.ShipmentTracking.CarrierReport;
import io.concierge.orders.ShipmentTracking.Scan;
import io.concierge.shared.StorableText;
import io.concierge.shared.StorableTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a tracking service posts (once its signature is checked) or a carrier answers
 * a poll with, reading it gives a report the tracking tables can store, or an
 * {@link UnreadableEvent} saying what is wrong: never another exception, which would be a
 * 500 and the service's retries, and never a report the database then refuses. Runs the
 * committed inputs beside this class as regression tests; {@code JAZZER_FUZZ=1
 * ./mvnw test -Dtest='CarrierEventFuzzTests#easyPostEvents'} fuzzes one for real.
 */
class CarrierEventFuzzTests {

	@FuzzTest(maxDuration = "30s")
	void easyPostEvents(byte[] body) {
		try {
			CarrierReport report = CarrierWebhook.EASYPOST.read(body);
			if (report != null) {
				storable(report);
			}
		}
		catch (UnreadableEvent expected) {
			// the refusal every bad event must get
		}
	}

	@FuzzTest(maxDuration = "30s")
	void afterShipEvents(byte[] body) {
		try {
			CarrierReport report = CarrierWebhook.AFTERSHIP.read(body);
			if (report != null) {
				storable(report);
			}
		}
		catch (UnreadableEvent expected) {
			// the refusal every bad event must get
		}
	}

	@FuzzTest(maxDuration = "30s")
	void carrierAnswers(byte[] body) {
		try {
			storable(CarrierPoller.report(body, "JJD0099887766", Map.of("Zugestellt", DeliveryStage.DELIVERED), "DHL"));
		}
		catch (UnreadableEvent expected) {
			// the refusal every bad answer must get; the parcel is asked about again
			// later
		}
	}

	private static void storable(CarrierReport report) {
		text(report.trackingNumber());
		assertThat(report.trackingNumber()).isNotBlank();
		text(report.signedBy());
		text(report.link().carrier());
		report.link().orderReferences().forEach(CarrierEventFuzzTests::text);
		if (report.estimate() != null) {
			assertThat(StorableTime.problem(report.estimate())).isNull();
		}
		for (Scan scan : report.scans()) {
			assertThat(StorableTime.problem(scan.occurredAt())).as("scanned at %s", scan.occurredAt()).isNull();
			assertThat(scan.stage()).isNotNull();
			text(scan.carrierStatus());
			text(scan.description());
			text(scan.location());
		}
	}

	private static void text(@Nullable String text) {
		if (text != null) {
			assertThat(StorableText.problem(text)).isNull();
			assertThat(text.length()).isLessThanOrEqualTo(2_000);
		}
	}

}
