package io.concierge.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.concierge.orders.DeliveryStage;
import io.concierge.orders.ShipmentTracking.CarrierReport;
import io.concierge.orders.ShipmentTracking.Scan;

/**
 * EasyPost's {@code tracker.updated} event: its {@code result} is the Tracker, with its
 * {@code tracking_code}, {@code est_delivery_date}, {@code signed_by} and every
 * {@code tracking_details} entry so far ({@code status}, {@code status_detail},
 * {@code datetime}, {@code message}, {@code tracking_location}).
 */
final class EasyPostEvents {

	/** Status details that mean the parcel is stuck, whatever its status says. */
	private static final Set<String> TROUBLE = Set.of("address_correction", "awaiting_information", "damaged",
			"delayed", "delivery_exception", "held", "lost", "missorted", "refused", "transit_exception",
			"weather_delay");

	private EasyPostEvents() {
	}

	static @Nullable CarrierReport read(byte[] body) {
		JsonNode event = EventJson.object(body);
		String description = EventJson.text(event, "description");
		if (description == null || !description.startsWith("tracker.")) {
			return null;
		}
		JsonNode tracker = event.path("result");
		if (!tracker.isObject()) {
			throw new UnreadableEvent("result must be the tracker");
		}
		List<Scan> scans = new ArrayList<>();
		JsonNode details = tracker.path("tracking_details");
		if (details.isArray()) {
			for (JsonNode detail : details) {
				if (!detail.isObject()) {
					throw new UnreadableEvent("tracking_details must hold objects");
				}
				String status = EventJson.required(detail, "status");
				String statusDetail = EventJson.text(detail, "status_detail");
				DeliveryStage stage = stage(status, statusDetail);
				if (stage == null) {
					continue;
				}
				JsonNode location = detail.path("tracking_location");
				scans
					.add(new Scan(EventJson.instant(detail, "datetime"), stage,
							(statusDetail != null) ? status + "/" + statusDetail : status,
							EventJson.text(detail, "message"),
							location.isObject()
									? EventJson.place(EventJson.text(location, "city"),
											EventJson.text(location, "state"), EventJson.text(location, "country"))
									: null));
			}
		}
		return new CarrierReport(EventJson.required(tracker, "tracking_code"),
				EventJson.date(tracker, "est_delivery_date"), EventJson.text(tracker, "signed_by"), scans, "easypost");
	}

	/**
	 * EasyPost's status, with its detail; null for {@code unknown}.
	 */
	static @Nullable DeliveryStage stage(String status, @Nullable String detail) {
		if (detail != null && TROUBLE.contains(detail) && !status.equals("delivered")) {
			return DeliveryStage.EXCEPTION;
		}
		return switch (status) {
			case "pre_transit" -> DeliveryStage.LABEL_CREATED;
			case "in_transit" -> DeliveryStage.IN_TRANSIT;
			case "out_for_delivery" -> DeliveryStage.OUT_FOR_DELIVERY;
			case "delivered" -> DeliveryStage.DELIVERED;
			case "available_for_pickup" -> DeliveryStage.AVAILABLE_FOR_PICKUP;
			case "return_to_sender" -> DeliveryStage.RETURNED_TO_SENDER;
			case "failure" -> DeliveryStage.FAILED_ATTEMPT;
			case "cancelled", "error" -> DeliveryStage.EXCEPTION;
			default -> null;
		};
	}

}
