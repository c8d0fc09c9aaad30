package io.concierge.tracking;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.concierge.orders.DeliveryStage;
import io.concierge.orders.ShipmentTracking.CarrierReport;
import io.concierge.orders.ShipmentTracking.Link;
import io.concierge.orders.ShipmentTracking.Scan;

/**
 * AfterShip's tracking webhook ({@code tracking_update}): its {@code msg} is the
 * tracking, with {@code tracking_number}, {@code expected_delivery}, {@code signed_by}
 * and its {@code checkpoints} ({@code checkpoint_time}, {@code tag}, {@code subtag},
 * {@code message}, {@code location} or {@code city}, {@code state},
 * {@code country_iso3}). A tracking the shop gave AfterShip names its order
 * ({@code order_id}, {@code order_number}): a parcel Concierge does not know yet is added
 * to that order.
 */
final class AfterShipEvents {

	private AfterShipEvents() {
	}

	static @Nullable CarrierReport read(byte[] body) {
		JsonNode event = EventJson.object(body);
		JsonNode tracking = event.path("msg");
		if (!tracking.isObject()) {
			return null;
		}
		List<Scan> scans = new ArrayList<>();
		JsonNode checkpoints = tracking.path("checkpoints");
		if (checkpoints.isArray()) {
			for (JsonNode checkpoint : checkpoints) {
				if (!checkpoint.isObject()) {
					throw new UnreadableEvent("checkpoints must hold objects");
				}
				String tag = EventJson.required(checkpoint, "tag");
				String subtag = EventJson.text(checkpoint, "subtag");
				DeliveryStage stage = stage(tag, subtag);
				if (stage == null) {
					continue;
				}
				String location = EventJson.text(checkpoint, "location");
				scans.add(new Scan(EventJson.instant(checkpoint, "checkpoint_time"), stage,
						(subtag != null) ? subtag : tag, EventJson.text(checkpoint, "message"),
						(location != null) ? location : EventJson.place(EventJson.text(checkpoint, "city"),
								EventJson.text(checkpoint, "state"), EventJson.text(checkpoint, "country_iso3"))));
			}
		}
		String signedBy = EventJson.text(tracking, "signed_by");
		List<String> orders = new ArrayList<>();
		for (String field : List.of("order_id", "order_number")) {
			String reference = EventJson.text(tracking, field);
			if (reference != null) {
				orders.add(reference);
			}
		}
		return new CarrierReport(EventJson.required(tracking, "tracking_number"),
				EventJson.date(tracking, "expected_delivery"), signedBy, scans, "aftership",
				new Link(orders, EventJson.text(tracking, "slug")));
	}

	/**
	 * AfterShip's tag, with the subtags that say more: customs (Exception_007) and back
	 * to the sender (Exception_010, Exception_011); null for {@code Expired} and unknown
	 * tags.
	 */
	static @Nullable DeliveryStage stage(String tag, @Nullable String subtag) {
		if ("Exception_007".equals(subtag)) {
			return DeliveryStage.CUSTOMS_HOLD;
		}
		if ("Exception_010".equals(subtag) || "Exception_011".equals(subtag)) {
			return DeliveryStage.RETURNED_TO_SENDER;
		}
		return switch (tag) {
			case "Pending", "InfoReceived" -> DeliveryStage.LABEL_CREATED;
			case "InTransit" -> DeliveryStage.IN_TRANSIT;
			case "OutForDelivery" -> DeliveryStage.OUT_FOR_DELIVERY;
			case "AttemptFail" -> DeliveryStage.FAILED_ATTEMPT;
			case "AvailableForPickup" -> DeliveryStage.AVAILABLE_FOR_PICKUP;
			case "Delivered" -> DeliveryStage.DELIVERED;
			case "Exception" -> DeliveryStage.EXCEPTION;
			default -> null;
		};
	}

}
