package io.concierge.partners.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.identity.Callers;
import io.concierge.orders.DeliveryStage;
import io.concierge.partners.CarrierShipments;
import io.concierge.partners.ParcelDiscrepancies;
import io.concierge.partners.Partner;
import io.concierge.partners.Partners;
import io.concierge.partners.ShipmentRefused;
import io.concierge.shared.NotFound;

/**
 * A carrier's parcels: the list with its filters and a CSV upload of reports, one
 * parcel's page with a form for its next stage and one for its proof of delivery.
 */
@Controller
class CarrierShipmentsController {

	static final String PAGE = "/partner/shipments";

	private final CarrierShipments shipments;

	private final Partners partners;

	private final Callers callers;

	private final ParcelDiscrepancies discrepancies;

	CarrierShipmentsController(CarrierShipments shipments, Partners partners, Callers callers,
			ParcelDiscrepancies discrepancies) {
		this.shipments = shipments;
		this.partners = partners;
		this.callers = callers;
		this.discrepancies = discrepancies;
	}

	@GetMapping(PAGE)
	String list(@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String day,
			@RequestParam(defaultValue = "1") int page, Principal principal, ZoneId zone, Model model) {
		Partner carrier = carrier(principal);
		String chosen = (status != null && (status.equals("NEW") || status.equals("UNPROVEN")
				|| java.util.Arrays.stream(DeliveryStage.values()).anyMatch((stage) -> stage.name().equals(status))))
						? status : null;
		LocalDate date = null;
		try {
			date = (day != null && !day.isBlank()) ? LocalDate.parse(day) : null;
		}
		catch (DateTimeParseException ex) {
			model.addAttribute("dayInvalid", true);
		}
		model.addAttribute("carrier", carrier);
		model.addAttribute("result",
				this.shipments.list(carrier, new CarrierShipments.ShipmentFilter(chosen, q, date, page), zone));
		model.addAttribute("filter", Map.of("status", (chosen != null) ? chosen : "", "q", (q != null) ? q : "", "day",
				(date != null) ? date.toString() : ""));
		model.addAttribute("stages", DeliveryStage.values());
		return "partners/shipments";
	}

	@PostMapping(PAGE + "/upload")
	String upload(@RequestParam(name = "file", required = false) @Nullable MultipartFile file, Principal principal,
			HttpServletRequest request, HttpServletResponse response, ZoneId zone, Model model) throws IOException {
		Partner carrier = carrier(principal);
		if (file == null || file.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("csvMissing", true);
		}
		else {
			CarrierShipments.CsvResult result = this.shipments.upload(carrier,
					new String(file.getBytes(), StandardCharsets.UTF_8), principal.getName(), request.getRemoteAddr());
			if (!result.errors().isEmpty()) {
				response.setStatus(422);
			}
			model.addAttribute("csv", result);
		}
		return list(null, null, null, 1, principal, zone, model);
	}

	@GetMapping(PAGE + "/{tracking}")
	String shipment(@PathVariable String tracking, Principal principal, ZoneId zone, Model model) {
		Partner carrier = carrier(principal);
		CarrierShipments.CarrierShipment shipment = this.shipments.find(carrier, tracking)
			.orElseThrow(() -> new NotFound("parcel " + tracking));
		model.addAttribute("carrier", carrier);
		model.addAttribute("shipment", shipment);
		model.addAttribute("proof", this.shipments.proof(carrier, tracking).orElse(null));
		model.addAttribute("stages",
				java.util.Arrays.stream(DeliveryStage.values())
					.filter((stage) -> stage != DeliveryStage.LABEL_CREATED)
					.toList());
		model.addAttribute("now", LocalDateTime.now(zone).withSecond(0).withNano(0).toString());
		model.addAttribute("discrepancies", this.discrepancies.of(carrier, tracking));
		model.addAttribute("discrepancyKinds", ParcelDiscrepancies.Kind.values());
		return "partners/shipment";
	}

	@PostMapping(PAGE + "/{tracking}/discrepancies")
	String discrepancy(@PathVariable String tracking, @RequestParam(required = false) @Nullable String kind,
			@RequestParam(defaultValue = "") String description,
			@RequestParam(required = false) @Nullable MultipartFile photo, Principal principal,
			HttpServletRequest request, HttpServletResponse response, ZoneId zone, Model model,
			RedirectAttributes redirect) throws IOException {
		Partner carrier = carrier(principal);
		try {
			ParcelDiscrepancies.Discrepancy opened = this.discrepancies.byCarrier(carrier, tracking,
					DiscrepancyOperationsController.form(kind, description, photo), principal.getName(),
					request.getRemoteAddr());
			redirect.addFlashAttribute("discrepancyOpened", (opened.ticket() != null) ? opened.ticket() : "–");
			return "redirect:" + PAGE + "/" + tracking;
		}
		catch (ShipmentRefused ex) {
			return refused(ex, tracking, principal, response, zone, model);
		}
	}

	@PostMapping(PAGE + "/{tracking}/events")
	String report(@PathVariable String tracking, @RequestParam(required = false) @Nullable DeliveryStage stage,
			@RequestParam(required = false) @Nullable String occurredAt,
			@RequestParam(required = false) @Nullable String location,
			@RequestParam(required = false) @Nullable String description, Principal principal,
			HttpServletRequest request, HttpServletResponse response, ZoneId zone, Model model,
			RedirectAttributes redirect) {
		Partner carrier = carrier(principal);
		try {
			if (stage == null) {
				throw new ShipmentRefused("stageUnknown", "");
			}
			this.shipments.report(carrier, tracking,
					new CarrierShipments.StatusUpdate(stage, time(occurredAt, zone), location, description), "partner",
					principal.getName(), request.getRemoteAddr());
			redirect.addFlashAttribute("reported", stage.name());
			return "redirect:" + PAGE + "/" + tracking;
		}
		catch (ShipmentRefused ex) {
			return refused(ex, tracking, principal, response, zone, model);
		}
	}

	@PostMapping(PAGE + "/{tracking}/proof")
	String prove(@PathVariable String tracking, @RequestParam(defaultValue = "") String recipient,
			@RequestParam(required = false) @Nullable String deliveredAt,
			@RequestParam(required = false) @Nullable String location,
			@RequestParam(required = false) @Nullable BigDecimal latitude,
			@RequestParam(required = false) @Nullable BigDecimal longitude,
			@RequestParam(required = false) @Nullable MultipartFile photo,
			@RequestParam(required = false) @Nullable String signature, Principal principal, HttpServletRequest request,
			HttpServletResponse response, ZoneId zone, Model model, RedirectAttributes redirect) throws IOException {
		Partner carrier = carrier(principal);
		try {
			byte[] photoBytes = (photo != null && !photo.isEmpty()) ? photo.getBytes() : null;
			this.shipments.prove(carrier, tracking,
					new CarrierShipments.Proof(recipient, time(deliveredAt, zone), location, latitude, longitude,
							photoBytes, (photo != null) ? photo.getOriginalFilename() : null, png(signature)),
					principal.getName(), request.getRemoteAddr());
			redirect.addFlashAttribute("proven", recipient.strip());
			return "redirect:" + PAGE + "/" + tracking;
		}
		catch (ShipmentRefused ex) {
			model.addAttribute("proofForm",
					Map.of("recipient", recipient, "location", (location != null) ? location : ""));
			return refused(ex, tracking, principal, response, zone, model);
		}
	}

	private String refused(ShipmentRefused ex, String tracking, Principal principal, HttpServletResponse response,
			ZoneId zone, Model model) {
		if (ex.unknown()) {
			throw new NotFound("parcel " + tracking);
		}
		response.setStatus(422);
		model.addAttribute("refused", "partners.refused." + ex.reason());
		model.addAttribute("refusedArguments", ex.arguments());
		return shipment(tracking, principal, zone, model);
	}

	/**
	 * A time typed in the reader's time zone; none is now.
	 */
	static Instant time(@Nullable String value, ZoneId zone) {
		if (value == null || value.isBlank()) {
			return Instant.now();
		}
		try {
			return LocalDateTime.parse(value.strip()).atZone(zone).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new ShipmentRefused("time");
		}
	}

	/**
	 * A signature drawn on the page, sent as a PNG data URL.
	 */
	static byte @Nullable [] png(@Nullable String dataUrl) {
		if (dataUrl == null || dataUrl.isBlank()) {
			return null;
		}
		String prefix = "data:image/png;base64,";
		if (!dataUrl.startsWith(prefix)) {
			throw new ShipmentRefused("signature");
		}
		try {
			return Base64.getDecoder().decode(dataUrl.substring(prefix.length()));
		}
		catch (IllegalArgumentException ex) {
			throw new ShipmentRefused("signature");
		}
	}

	private Partner carrier(Principal principal) {
		return this.partners.member(this.callers.of(principal).account())
			.map(Partners.Member::partner)
			.filter(Partner::isCarrier)
			.orElseThrow(() -> new NotFound("carrier of " + principal.getName()));
	}

}
