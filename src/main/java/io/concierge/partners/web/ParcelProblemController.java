package io.concierge.partners.web;

import java.io.IOException;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.orders.OrderDetails;
import io.concierge.orders.OrderQueries;
import io.concierge.partners.ParcelDiscrepancies;
import io.concierge.partners.ShipmentRefused;
import io.concierge.shared.NotFound;

/**
 * The customer's side of a parcel gone wrong: on their order page, a form for each parcel
 * with a tracking number (damaged, items missing, refused; a description; a photo), which
 * records the discrepancy and opens the customer's own ticket about it. Like the proofs
 * of delivery, a fragment the order page loads, so the orders module knows nothing of it;
 * sent by htmx it answers the fragment again (with the ticket, or with why nothing was
 * taken), and without script a page of its own.
 */
@Controller
class ParcelProblemController {

	static final String PATH = "/orders/{number}/parcel-problems";

	/** The refusals worded for the customer; any other falls back to the carrier's. */
	private static final Set<String> WORDED = Set.of("unknown", "discrepancyKind", "discrepancyDescription",
			"discrepancyTooLong", "notImage", "tooLarge", "malware");

	private final ParcelDiscrepancies discrepancies;

	private final OrderQueries orders;

	private final Callers callers;

	ParcelProblemController(ParcelDiscrepancies discrepancies, OrderQueries orders, Callers callers) {
		this.discrepancies = discrepancies;
		this.orders = orders;
		this.callers = callers;
	}

	@GetMapping(PATH)
	String problems(@PathVariable String number,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Principal principal,
			Model model) {
		List<OrderDetails.ShipmentView> parcels = parcels(this.callers.of(principal), number);
		if (htmx == null && parcels.isEmpty()) {
			throw new NotFound("order " + number);
		}
		return view(number, parcels, htmx, model);
	}

	@PostMapping(PATH)
	String report(@PathVariable String number, @RequestParam(defaultValue = "") String tracking,
			@RequestParam(required = false) @Nullable String kind, @RequestParam(defaultValue = "") String description,
			@RequestParam(required = false) @Nullable MultipartFile photo,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Principal principal,
			HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect)
			throws IOException {
		Caller caller = this.callers.of(principal);
		try {
			ParcelDiscrepancies.Discrepancy opened = this.discrepancies.byCustomer(caller, number, tracking,
					DiscrepancyOperationsController.form(kind, description, photo), principal.getName(),
					request.getRemoteAddr());
			if (htmx == null) {
				redirect.addFlashAttribute("reported", opened.ticket());
				return "redirect:" + PATH;
			}
			model.addAttribute("reported", opened.ticket());
		}
		catch (ShipmentRefused ex) {
			// htmx swaps only a successful answer in; without it the page says 422
			response.setStatus((htmx != null) ? 200 : 422);
			model.addAttribute("refused",
					(WORDED.contains(ex.reason()) ? "partners.parcelProblem.refused." : "partners.refused.")
							+ ex.reason());
			model.addAttribute("refusedArguments", ex.arguments());
			model.addAttribute("refusedField", field(ex.reason()));
			model.addAttribute("form", new Form(tracking.strip(), (kind != null) ? kind : "", description));
		}
		model.addAttribute("sent", true);
		return view(number, parcels(caller, number), htmx, model);
	}

	private String view(String number, List<OrderDetails.ShipmentView> parcels, @Nullable String htmx, Model model) {
		model.addAttribute("orderNumber", number);
		model.addAttribute("parcels", parcels);
		model.addAttribute("problemKinds",
				Arrays.stream(ParcelDiscrepancies.Kind.values())
					.filter(ParcelDiscrepancies.Kind::customerMayReport)
					.toList());
		return (htmx != null) ? "partners/parcel-problems :: problems" : "partners/parcel-problems";
	}

	/**
	 * The caller's order's parcels that a problem can be reported on: those with a
	 * tracking number. None when the order is not the caller's.
	 */
	private List<OrderDetails.ShipmentView> parcels(Caller caller, String number) {
		return this.orders.find(caller, number)
			.map((order) -> order.shipments().stream().filter((parcel) -> parcel.trackingNumber() != null).toList())
			.orElse(List.of());
	}

	/**
	 * Which field a refusal is about, for the form to point at it.
	 */
	private static String field(String reason) {
		return switch (reason) {
			case "discrepancyKind" -> "kind";
			case "discrepancyDescription", "discrepancyTooLong" -> "description";
			case "notImage", "tooLarge", "malware" -> "photo";
			default -> "parcel";
		};
	}

	/**
	 * What was typed, shown again with the refusal.
	 */
	record Form(String tracking, String kind, String description) {

	}

}
