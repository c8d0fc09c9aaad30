package io.concierge.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.concierge.orders.ShipmentTracking;
import io.concierge.orders.ShipmentTracking.OpenParcel;
import io.concierge.orders.ShipmentTracking.Prediction;

/**
 * Concierge's own delivery estimate for every parcel on its way: a {@link TransitModel}
 * learned from the last year's delivered parcels (again every hour), or, where it has too
 * little history, the carrier's estimate; the source is recorded with it. Parcels are
 * estimated when they are new and again after each training.
 */
@Component
class DeliveryPredictions {

	private static final Logger log = LoggerFactory.getLogger(DeliveryPredictions.class);

	private static final Duration HISTORY = Duration.ofDays(365);

	private static final int MOST = 500_000;

	private final ShipmentTracking tracking;

	private final Clock clock;

	private final ZoneId zone;

	private final String origin;

	private volatile @Nullable Trained trained;

	DeliveryPredictions(ShipmentTracking tracking, Clock clock,
			@Value("${concierge.tracking.origin-zone:Europe/Berlin}") ZoneId zone,
			@Value("${concierge.tracking.origin-country:DE}") String origin) {
		this.tracking = tracking;
		this.clock = clock;
		this.zone = zone;
		this.origin = origin;
	}

	private record Trained(TransitModel model, Instant at, int parcels) {

	}

	@Scheduled(initialDelayString = "${concierge.tracking.training-delay:PT10S}",
			fixedDelayString = "${concierge.tracking.training-interval:PT1H}")
	void train() {
		Instant now = this.clock.instant();
		List<TransitModel.Delivered> history = this.tracking.delivered(now.minus(HISTORY), MOST)
			.stream()
			.map((parcel) -> new TransitModel.Delivered(parcel.carrier(), parcel.service(),
					lane(parcel.country(), parcel.postalCode()), parcel.shippedAt().atZone(this.zone),
					parcel.deliveredAt().atZone(this.zone).toLocalDate()))
			.toList();
		this.trained = new Trained(TransitModel.train(history, this.zone), now, history.size());
		log.info("Delivery estimates learned from {} delivered parcels", history.size());
		estimateWaiting();
	}

	/**
	 * Estimates the parcels that have none, or one from before the last training.
	 */
	@Scheduled(fixedDelayString = "${concierge.tracking.estimate-interval:PT30S}")
	void estimateWaiting() {
		Trained trained = this.trained;
		if (trained == null) {
			return;
		}
		for (OpenParcel parcel : this.tracking.awaitingPrediction(trained.at(), 500)) {
			this.tracking.predicted(parcel, estimate(trained.model(), parcel));
		}
	}

	@Nullable Prediction estimate(TransitModel model, OpenParcel parcel) {
		Optional<TransitModel.Estimate> learned = model.estimate(parcel.carrier(), parcel.service(),
				lane(parcel.country(), parcel.postalCode()), parcel.shippedAt().atZone(this.zone));
		if (learned.isPresent()) {
			TransitModel.Estimate estimate = learned.get();
			return new Prediction(estimate.likely(), estimate.earliest(), estimate.latest(), "MODEL");
		}
		if (parcel.carrierEstimate() != null) {
			return new Prediction(parcel.carrierEstimate(), parcel.carrierEstimate(), parcel.carrierEstimate(),
					"CARRIER");
		}
		return null;
	}

	/**
	 * {@code DE>DE-10}: from the origin country to the destination country and the first
	 * two characters of its postal code.
	 */
	String lane(@Nullable String country, @Nullable String postalCode) {
		String destination = (country != null) ? country : "??";
		String region = (postalCode != null && postalCode.strip().length() >= 2)
				? postalCode.strip().substring(0, 2).toUpperCase(Locale.ROOT) : "??";
		return this.origin + ">" + destination + "-" + region;
	}

}
