package io.concierge.tracking;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.concierge.IntegrationTest;
import io.concierge.orders.FulfilmentUpdate;
import io.concierge.orders.LineStatus;
import io.concierge.orders.OrderDetails;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.Orders;
import io.concierge.orders.ShipmentTracking;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Estimates in the running product: learned from the parcels delivered so far, shown on
 * an open parcel with its source; the carrier's estimate where there is no history.
 */
@IntegrationTest
class DeliveryPredictionsTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	@Autowired
	OrderManagement orders;

	@Autowired
	DeliveryPredictions predictions;

	@Autowired
	ShipmentTracking tracking;

	@Test
	void aParcelIsEstimatedFromHowLongParcelsLikeItTookAndOtherwiseByItsCarrier() {
		String carrier = "Post-" + UUID.randomUUID().toString().substring(0, 6);
		// Mondays at 10:00, delivered on Wednesday: two working days
		ZonedDateTime monday = ZonedDateTime.of(2026, 9, 7, 10, 0, 0, 0, BERLIN);
		for (int week = 0; week < TransitModel.ENOUGH; week++) {
			ZonedDateTime shipped = monday.plusWeeks(week % 10);
			String number = shipped(carrier, shipped.toInstant(), "T" + System.nanoTime());
			this.orders.apply(new FulfilmentUpdate(number, LineStatus.DELIVERED,
					shipped.plusDays(2).withHour(11).toInstant(), List.of(), null, null, null, null, null));
		}
		long unknownTracking = System.nanoTime();
		String open = shipped(carrier, ZonedDateTime.of(2026, 11, 23, 9, 0, 0, 0, BERLIN).toInstant(),
				"T" + System.nanoTime());
		String unknown = shipped("Other-" + UUID.randomUUID().toString().substring(0, 6),
				ZonedDateTime.of(2026, 11, 23, 9, 0, 0, 0, BERLIN).toInstant(), "OTHER-" + unknownTracking);
		this.tracking.record(new ShipmentTracking.CarrierReport("OTHER-" + unknownTracking, LocalDate.of(2026, 11, 27),
				null, List.of(), "test"));

		this.predictions.train();

		OrderDetails.ShipmentView.Estimate learned = this.orders.details(open).shipments().getFirst().estimate();
		assertThat(learned.source()).isEqualTo("MODEL");
		assertThat(learned.likely()).isEqualTo(LocalDate.of(2026, 11, 25));
		assertThat(learned.oneDay()).isTrue();
		OrderDetails.ShipmentView.Estimate carriers = this.orders.details(unknown).shipments().getFirst().estimate();
		assertThat(carriers.source()).isEqualTo("CARRIER");
		assertThat(carriers.likely()).isEqualTo(LocalDate.of(2026, 11, 27));

		// delivered a day after the day shown: the ledger says so
		this.orders.apply(new FulfilmentUpdate(open, LineStatus.DELIVERED,
				ZonedDateTime.of(2026, 11, 26, 12, 0, 0, 0, BERLIN).toInstant(), List.of(), null, null, null, null,
				null));
		assertThat(this.tracking.accuracy(BERLIN)).filteredOn((row) -> row.carrier().equals(carrier))
			.singleElement()
			.satisfies((row) -> {
				assertThat(row.source()).isEqualTo("MODEL");
				assertThat(row.promises()).isEqualTo(1);
				assertThat(row.onTime()).isZero();
				assertThat(row.meanError()).isEqualTo(1.0);
			});
	}

	private String shipped(String carrier, Instant at, String tracking) {
		String number = this.orders
			.place(Orders.of(UUID.randomUUID(), null, at.minusSeconds(3600), "MUG-01", "Stoneware mug"));
		this.orders.apply(
				new FulfilmentUpdate(number, LineStatus.SHIPPED, at, List.of(), carrier, null, tracking, null, null));
		return number;
	}

}
