package io.concierge.tracking;

/**
 * Webhook events as EasyPost and AfterShip document them.
 */
public final class CarrierPayloads {

	private CarrierPayloads() {
	}

	/**
	 * EasyPost {@code tracker.updated}: in transit, two scans, an estimated date.
	 */
	public static String easyPostInTransit(String trackingCode) {
		return """
				{"id": "evt_3f1d0c6e9a8b11ef", "object": "Event", "mode": "production", "description": "tracker.updated",
				 "created_at": "2026-11-21T08:03:12Z", "pending_urls": [], "completed_urls": [],
				 "result": {"id": "trk_8c2b4e5f6a7b", "object": "Tracker", "mode": "production",
				   "tracking_code": "%s", "status": "in_transit", "status_detail": "arrived_at_facility",
				   "carrier": "DHLExpress", "signed_by": null, "weight": 17.6,
				   "est_delivery_date": "2026-11-25T00:00:00Z", "created_at": "2026-11-20T10:00:00Z",
				   "tracking_details": [
				     {"object": "TrackingDetail", "message": "Shipment information received", "description": "",
				      "status": "pre_transit", "status_detail": "label_created", "datetime": "2026-11-20T10:00:00Z",
				      "source": "DHLExpress", "tracking_location": {"object": "TrackingLocation", "city": null,
				      "state": null, "country": null, "zip": null}},
				     {"object": "TrackingDetail", "message": "Arrived at Sort Facility LEIPZIG - GERMANY",
				      "description": "", "status": "in_transit", "status_detail": "arrived_at_facility",
				      "datetime": "2026-11-21T06:12:00+01:00", "source": "DHLExpress",
				      "tracking_location": {"object": "TrackingLocation", "city": "Leipzig", "state": null,
				      "country": "DE", "zip": "04435"}}],
				   "carrier_detail": {"object": "CarrierDetail", "service": "Express Worldwide"}}}
				"""
			.formatted(trackingCode);
	}

	/**
	 * AfterShip {@code tracking_update}: delivered, signed for, with the earlier scans.
	 */
	public static String afterShipDelivered(String trackingNumber) {
		return """
				{"event": "tracking_update", "event_id": "a5f4c1e2-6a1c-4c8e-9d1e-0b2f3a4c5d6e", "is_tracking_first_tag": true,
				 "ts": 1795507200,
				 "msg": {"id": "6f1c2a9e8d0b4f7e9a512c3d", "tracking_number": "%s", "slug": "dhl",
				   "tag": "Delivered", "subtag": "Delivered_001", "subtag_message": "Delivered",
				   "expected_delivery": "2026-11-24", "signed_by": "J. KELLER", "origin_country_iso3": "GBR",
				   "destination_country_iso3": "DEU",
				   "checkpoints": [
				     {"slug": "dhl", "city": "Leipzig", "country_iso3": "DEU", "location": "Leipzig, DE",
				      "message": "Arrived at Sort Facility LEIPZIG - GERMANY", "tag": "InTransit",
				      "subtag": "InTransit_001", "checkpoint_time": "2026-11-21T06:12:00+01:00"},
				     {"slug": "dhl", "city": "Hamburg", "country_iso3": "DEU", "location": "Hamburg, DE",
				      "message": "With delivery courier", "tag": "OutForDelivery", "subtag": "OutForDelivery_001",
				      "checkpoint_time": "2026-11-24T07:40:00+01:00"},
				     {"slug": "dhl", "city": "Hamburg", "country_iso3": "DEU", "location": "Hamburg, DE",
				      "message": "Delivered – signed for by: J. KELLER", "tag": "Delivered", "subtag": "Delivered_001",
				      "checkpoint_time": "2026-11-24T11:05:00+01:00"}]}}
				"""
			.formatted(trackingNumber);
	}

	/**
	 * AfterShip {@code tracking_update}: the courier could not deliver; a new expected
	 * date.
	 */
	public static String afterShipFailedAttempt(String trackingNumber) {
		return """
				{"event": "tracking_update", "event_id": "0c9e8d7f-1a2b-4c3d-8e9f-a0b1c2d3e4f5", "ts": 1795510800,
				 "msg": {"tracking_number": "%s", "slug": "dpd", "tag": "AttemptFail", "subtag": "AttemptFail_001",
				   "expected_delivery": "2026-11-26T18:00:00+01:00", "signed_by": null,
				   "checkpoints": [
				     {"slug": "dpd", "location": "München, DE", "message": "Zustellung nicht möglich: Empfänger nicht angetroffen",
				      "tag": "AttemptFail", "subtag": "AttemptFail_001", "checkpoint_time": "2026-11-25T14:20:00+01:00"}]}}
				"""
			.formatted(trackingNumber);
	}

}
