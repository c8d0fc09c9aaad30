package io.concierge.tracking;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery estimate on 200,000 generated parcels with a known truth: trained on the
 * first 150,000, measured on the last 50,000. The floors fail the build if the model gets
 * worse.
 */
class TransitModelTests {

	@Test
	void nineInTenParcelsArriveInsideTheRangeShownAndTheLikelyDayIsRarelyOff() {
		List<TransitModel.Delivered> history = TransitHistory.generate(200_000, 42);
		TransitModel model = TransitModel.train(history.subList(0, 150_000), TransitHistory.ZONE);

		int inside = 0;
		long error = 0;
		int estimated = 0;
		for (TransitModel.Delivered parcel : history.subList(150_000, 200_000)) {
			Optional<TransitModel.Estimate> estimate = model.estimate(parcel.carrier(), parcel.service(), parcel.lane(),
					parcel.shippedAt());
			if (estimate.isEmpty()) {
				continue;
			}
			estimated++;
			TransitModel.Estimate shown = estimate.get();
			if (!parcel.deliveredOn().isBefore(shown.earliest()) && !parcel.deliveredOn().isAfter(shown.latest())) {
				inside++;
			}
			error += Math.abs(ChronoUnit.DAYS.between(shown.likely(), parcel.deliveredOn()));
		}
		double insideShare = (double) inside / estimated;
		double meanError = (double) error / estimated;
		System.out.printf("Transit model: %d estimated, %.1f %% inside the range, mean absolute error %.2f days%n",
				estimated, insideShare * 100, meanError);
		assertThat(estimated).isEqualTo(50_000);
		assertThat(insideShare).isGreaterThanOrEqualTo(0.9);
		assertThat(meanError).isLessThan(0.7);
	}

	@Test
	void learnsEachCarriersCutOffAndSaturdays() {
		TransitModel model = TransitModel.train(TransitHistory.generate(40_000, 7), TransitHistory.ZONE);
		// a DHL parcel to Berlin handed over on a Friday at 15:00 (before 16:00) leaves
		// that
		// day and arrives Saturday; at 17:00 it leaves Saturday and arrives Monday
		ZonedDateTime friday = ZonedDateTime.of(2026, 11, 20, 15, 0, 0, 0, TransitHistory.ZONE);
		assertThat(friday.getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
		assertThat(model.estimate("DHL", "Paket", "DE>DE-10", friday).orElseThrow().likely())
			.isEqualTo(LocalDate.of(2026, 11, 21));
		assertThat(model.estimate("DHL", "Paket", "DE>DE-10", friday.withHour(17)).orElseThrow().likely())
			.isEqualTo(LocalDate.of(2026, 11, 23));
		// DPD does not deliver on Saturdays: Friday before its 14:00 cut-off arrives
		// Monday
		assertThat(model.estimate("DPD", "Classic", "DE>DE-10", friday.withHour(13)).orElseThrow().likely())
			.isEqualTo(LocalDate.of(2026, 11, 23));
	}

	@Test
	void aLaneWithLittleHistoryIsEstimatedFromItsCountryOrItsService() {
		TransitModel model = TransitModel.train(TransitHistory.generate(40_000, 7), TransitHistory.ZONE);
		ZonedDateTime monday = ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, TransitHistory.ZONE);
		assertThat(model.estimate("DHL", "Paket", "DE>AT-60", monday).orElseThrow().basis())
			.isEqualTo("dhl|paket|DE>AT");
		assertThat(model.estimate("DHL", "Paket", "DE>SE-11", monday).orElseThrow().basis()).isEqualTo("dhl|paket");
		assertThat(model.estimate("GLS", null, "DE>DE-10", monday)).isEmpty();
	}

}
