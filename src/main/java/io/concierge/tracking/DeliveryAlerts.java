package io.concierge.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.concierge.orders.DeliveryStage;
import io.concierge.orders.ShipmentTracking;
import io.concierge.orders.ShipmentTracking.WatchedParcel;

/**
 * Warns before the customer has to ask: when Concierge's expected day passes the shop's
 * promise ({@link DeliveryDelayPredicted}), when the carrier has not scanned a parcel for
 * too long, or when it reports an exception ({@link DeliveryException}). Each cause once
 * per parcel: the parcel is marked on its order page and the customer gets one email.
 */
@Component
public class DeliveryAlerts {

	private final ShipmentTracking tracking;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Duration silence;

	DeliveryAlerts(ShipmentTracking tracking, ApplicationEventPublisher events, TransactionTemplate transactions,
			Clock clock, @Value("${concierge.tracking.silence:PT72H}") Duration silence) {
		this.tracking = tracking;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
		this.silence = silence;
	}

	/**
	 * The parcel is expected after the day the shop promised.
	 */
	public record DeliveryDelayPredicted(String orderNumber, @Nullable UUID account, @Nullable String customerEmail,
			LocalDate promised, LocalDate expected, Instant occurredAt) {

	}

	/**
	 * Something is wrong with the parcel.
	 *
	 * @param cause {@code NO_SCAN}, or the exception stage the carrier reported
	 */
	public record DeliveryException(String orderNumber, @Nullable UUID account, @Nullable String customerEmail,
			String cause, Instant occurredAt) {

	}

	@Scheduled(initialDelayString = "${concierge.tracking.alert-delay:PT1M}",
			fixedDelayString = "${concierge.tracking.alert-interval:PT5M}")
	void look() {
		check();
	}

	/**
	 * Looks at every parcel on its way and warns about each new cause.
	 * @return how many warnings went out
	 */
	int check() {
		Instant now = this.clock.instant();
		int raised = 0;
		for (WatchedParcel parcel : this.tracking.watched()) {
			if (parcel.promised() != null && parcel.expected() != null
					&& parcel.expected().isAfter(parcel.promised())) {
				raised += raise(parcel, "DELAY_PREDICTED", new DeliveryDelayPredicted(parcel.orderNumber(),
						parcel.account(), parcel.customerEmail(), parcel.promised(), parcel.expected(), now));
			}
			if (parcel.lastScan().isBefore(now.minus(this.silence))) {
				raised += raise(parcel, "NO_SCAN", new DeliveryException(parcel.orderNumber(), parcel.account(),
						parcel.customerEmail(), "NO_SCAN", now));
			}
			DeliveryStage stage = parcel.stage();
			if (stage != null && stage.needsExplaining()) {
				raised += raise(parcel, stage.name(), new DeliveryException(parcel.orderNumber(), parcel.account(),
						parcel.customerEmail(), stage.name(), now));
			}
		}
		return raised;
	}

	private int raise(WatchedParcel parcel, String cause, Object event) {
		return Boolean.TRUE.equals(this.transactions.execute((status) -> {
			if (!this.tracking.alert(parcel, cause)) {
				return false;
			}
			this.events.publishEvent(event);
			return true;
		})) ? 1 : 0;
	}

}
