package io.concierge.orders;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The tracking pages of the carriers Concierge knows.
 */
final class Carriers {

	private static final Map<String, String> TRACKING = Map.of("dhl",
			"https://www.dhl.com/global-en/home/tracking.html?tracking-id=", "ups",
			"https://www.ups.com/track?tracknum=", "fedex", "https://www.fedex.com/fedextrack/?trknbr=", "usps",
			"https://tools.usps.com/go/TrackConfirmAction?tLabels=", "dpd",
			"https://tracking.dpd.de/status/en_US/parcel/", "gls", "https://gls-group.com/track/", "royal mail",
			"https://www.royalmail.com/track-your-item#/tracking-results/", "evri",
			"https://www.evri.com/track/parcel/", "postnl", "https://jouw.postnl.nl/track-and-trace/");

	private Carriers() {
	}

	static @Nullable String trackingUrl(String carrier, @Nullable String trackingNumber) {
		String base = TRACKING.get(carrier.strip().toLowerCase(Locale.ROOT));
		if (base == null || trackingNumber == null || trackingNumber.isBlank()) {
			return null;
		}
		return base + URLEncoder.encode(trackingNumber.strip(), StandardCharsets.UTF_8);
	}

}
