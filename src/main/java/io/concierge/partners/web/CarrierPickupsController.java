package io.concierge.partners.web;

import java.security.Principal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.ZoneId;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.identity.Callers;
import io.concierge.partners.CarrierPickups;
import io.concierge.partners.CarrierShipments;
import io.concierge.partners.Partner;
import io.concierge.partners.Partners;
import io.concierge.partners.ShipmentRefused;
import io.concierge.shared.NotFound;

/**
 * Pickups: a carrier books a window at the warehouse; the warehouse (operations) sees the
 * schedule, confirms the bookings, and the parcels delivered without a proof.
 */
@Controller
class CarrierPickupsController {

	static final String PAGE = "/partner/pickups";

	static final String SCHEDULE = "/operations/pickups";

	private final CarrierPickups pickups;

	private final CarrierShipments shipments;

	private final Partners partners;

	private final Callers callers;

	CarrierPickupsController(CarrierPickups pickups, CarrierShipments shipments, Partners partners, Callers callers) {
		this.pickups = pickups;
		this.shipments = shipments;
		this.partners = partners;
		this.callers = callers;
	}

	@GetMapping(PAGE)
	String page(@RequestParam(required = false) @Nullable String day, Principal principal, Model model) {
		Partner carrier = carrier(principal);
		LocalDate chosen = this.pickups.days().getFirst();
		try {
			if (day != null && !day.isBlank() && this.pickups.days().contains(LocalDate.parse(day))) {
				chosen = LocalDate.parse(day);
			}
		}
		catch (DateTimeParseException ex) {
			// the first day it is
		}
		model.addAttribute("carrier", carrier);
		model.addAttribute("days", this.pickups.days());
		model.addAttribute("day", chosen);
		model.addAttribute("windows", this.pickups.windows(chosen));
		model.addAttribute("mine", this.pickups.of(carrier));
		return "partners/pickups";
	}

	@PostMapping(PAGE)
	String request(@RequestParam String day, @RequestParam String window, @RequestParam(defaultValue = "1") int parcels,
			Principal principal, HttpServletRequest request, HttpServletResponse response, Model model,
			RedirectAttributes redirect) {
		Partner carrier = carrier(principal);
		try {
			LocalDate date;
			try {
				date = LocalDate.parse(day);
			}
			catch (DateTimeParseException ex) {
				throw new ShipmentRefused("pickupDay", 14);
			}
			CarrierPickups.Pickup pickup = this.pickups.request(carrier, date, window, parcels, principal.getName(),
					request.getRemoteAddr());
			redirect.addFlashAttribute("booked", pickup.date() + " " + pickup.window());
			return "redirect:" + PAGE + "?day=" + pickup.date();
		}
		catch (ShipmentRefused ex) {
			response.setStatus(422);
			model.addAttribute("refused", "partners.refused." + ex.reason());
			model.addAttribute("refusedArguments", ex.arguments());
			return page(day, principal, model);
		}
	}

	@GetMapping(SCHEDULE)
	String schedule(Model model) {
		Map<LocalDate, List<CarrierPickups.Pickup>> days = new LinkedHashMap<>();
		this.pickups.schedule()
			.forEach((pickup) -> days.computeIfAbsent(pickup.date(), (d) -> new java.util.ArrayList<>()).add(pickup));
		model.addAttribute("days", days);
		model.addAttribute("windows", this.pickups.windows());
		model.addAttribute("capacity", this.pickups.capacity());
		model.addAttribute("unproven", this.shipments.unproven(50));
		return "partners/pickup-schedule";
	}

	@PostMapping(SCHEDULE + "/{id}/confirm")
	String confirm(@PathVariable UUID id, Principal principal, HttpServletRequest request,
			RedirectAttributes redirect) {
		try {
			this.pickups.confirm(id, principal.getName(), request.getRemoteAddr());
			redirect.addFlashAttribute("confirmed", true);
		}
		catch (ShipmentRefused ex) {
			redirect.addFlashAttribute("refused", "partners.refused." + ex.reason());
		}
		return "redirect:" + SCHEDULE;
	}

	@PostMapping(SCHEDULE + "/{id}/collected")
	String collected(@PathVariable UUID id, @RequestParam(required = false) @Nullable String collectedAt, ZoneId zone,
			Principal principal, HttpServletRequest request, RedirectAttributes redirect) {
		try {
			this.pickups.collect(
					id, (collectedAt != null && !collectedAt.isBlank())
							? CarrierShipmentsController.time(collectedAt, zone) : null,
					principal.getName(), request.getRemoteAddr());
			redirect.addFlashAttribute("collected", true);
		}
		catch (ShipmentRefused ex) {
			redirect.addFlashAttribute("refused", "partners.refused." + ex.reason());
		}
		return "redirect:" + SCHEDULE;
	}

	private Partner carrier(Principal principal) {
		return this.partners.member(this.callers.of(principal).account())
			.map(Partners.Member::partner)
			.filter(Partner::isCarrier)
			.orElseThrow(() -> new NotFound("carrier of " + principal.getName()));
	}

}
