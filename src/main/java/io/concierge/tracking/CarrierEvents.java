package io.concierge.tracking;

import java.util.Map;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

import io.concierge.orders.ShipmentTracking;
import io.concierge.orders.ShipmentTracking.CarrierReport;
import io.concierge.orders.ShipmentTracking.Recorded;

/**
 * Takes carriers' webhook events in: checks the signature over the raw bytes before
 * anything else, reads the event and records its scans on the parcel with that tracking
 * number. An event about a parcel Concierge does not know is answered as taken, so the
 * service does not send it again and again, and logged.
 */
@Service
@EnableConfigurationProperties(CarrierEvents.Secrets.class)
public class CarrierEvents {

	private static final Logger log = LoggerFactory.getLogger(CarrierEvents.class);

	private final Secrets secrets;

	private final ShipmentTracking tracking;

	CarrierEvents(Secrets secrets, ShipmentTracking tracking) {
		this.secrets = secrets;
		this.tracking = tracking;
	}

	/**
	 * The webhook secrets, from {@code concierge.tracking.webhooks.<easypost|aftership>};
	 * a service without one is refused.
	 */
	@ConfigurationProperties("concierge.tracking")
	record Secrets(@Nullable Map<String, String> webhooks) {

		Secrets {
			webhooks = (webhooks != null) ? Map.copyOf(webhooks) : Map.of();
		}

		@Override
		public String toString() {
			return "Secrets" + this.webhooks.keySet();
		}

	}

	/**
	 * @param headers the request's headers by name
	 * @return what it changed; not matched when it reports on no known parcel, or on none
	 * @throws NotSigned when the signature is missing or wrong; nothing is recorded
	 * @throws UnreadableEvent when the event cannot be read; nothing is recorded
	 */
	public Recorded receive(CarrierWebhook webhook, byte[] body, UnaryOperator<@Nullable String> headers) {
		String secret = this.secrets.webhooks().get(webhook.name().toLowerCase(java.util.Locale.ROOT));
		if (secret == null || secret.isEmpty()
				|| !webhook.signed(body, headers.apply(webhook.signatureHeader()), secret)) {
			throw new NotSigned();
		}
		CarrierReport report = webhook.read(body);
		if (report == null) {
			return new Recorded(null, 0, null);
		}
		Recorded recorded = this.tracking.record(report);
		if (!recorded.matched()) {
			log.info("{} reported on tracking number {}, which no parcel has", webhook, report.trackingNumber());
		}
		return recorded;
	}

	/**
	 * The signature is missing or does not match the body.
	 */
	public static class NotSigned extends RuntimeException {

		NotSigned() {
			super("The signature is missing or does not match the body");
		}

	}

}
