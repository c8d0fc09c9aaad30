package io.concierge.tracking.web;

import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import io.concierge.orders.ShipmentTracking;

/**
 * Operations see how well each source of delivery dates kept its word: for each carrier
 * and lane, the share of parcels delivered by the last day shown and how far the likely
 * day was off.
 */
@Controller
class DeliveryAccuracyController {

	private final ShipmentTracking tracking;

	private final ZoneId zone;

	DeliveryAccuracyController(ShipmentTracking tracking,
			@Value("${concierge.tracking.origin-zone:Europe/Berlin}") ZoneId zone) {
		this.tracking = tracking;
		this.zone = zone;
	}

	@GetMapping("/operations/deliveries")
	String accuracy(Model model) {
		model.addAttribute("rows", this.tracking.accuracy(this.zone));
		return "tracking/accuracy";
	}

}
