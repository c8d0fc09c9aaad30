package io.concierge.partners.web;

import java.io.IOException;
import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.partners.ParcelDiscrepancies;
import io.concierge.partners.ShipmentRefused;

/**
 * The warehouse's side of a parcel gone wrong: operations opens a discrepancy on any
 * parcel by its tracking number (a carrier opens them on its own parcels), and sees the
 * latest of every carrier.
 */
@Controller
class DiscrepancyOperationsController {

	static final String PAGE = "/operations/discrepancies";

	private static final int MOST = 50;

	private final ParcelDiscrepancies discrepancies;

	DiscrepancyOperationsController(ParcelDiscrepancies discrepancies) {
		this.discrepancies = discrepancies;
	}

	@GetMapping(PAGE)
	String page(Model model) {
		model.addAttribute("discrepancies", this.discrepancies.latest(MOST));
		model.addAttribute("discrepancyKinds", ParcelDiscrepancies.Kind.values());
		return "partners/discrepancies-operations";
	}

	@PostMapping(PAGE)
	String open(@RequestParam(defaultValue = "") String tracking, @RequestParam(required = false) @Nullable String kind,
			@RequestParam(defaultValue = "") String description,
			@RequestParam(required = false) @Nullable MultipartFile photo, Principal principal,
			HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect)
			throws IOException {
		try {
			ParcelDiscrepancies.Discrepancy opened = this.discrepancies.byOperations(tracking,
					form(kind, description, photo), principal.getName(), request.getRemoteAddr());
			redirect.addFlashAttribute("discrepancyOpened", (opened.ticket() != null) ? opened.ticket() : "–");
			return "redirect:" + PAGE;
		}
		catch (ShipmentRefused ex) {
			response.setStatus(422);
			model.addAttribute("refused",
					ex.unknown() ? "partners.discrepancies.operations.unknown" : "partners.refused." + ex.reason());
			model.addAttribute("refusedArguments", ex.arguments());
			model.addAttribute("form", new Form(tracking, (kind != null) ? kind : "", description));
			return page(model);
		}
	}

	/**
	 * A discrepancy as a form sent it: a kind it does not know is left out, for the
	 * service to refuse as missing.
	 */
	static ParcelDiscrepancies.NewDiscrepancy form(@Nullable String kind, String description,
			@Nullable MultipartFile photo) throws IOException {
		ParcelDiscrepancies.Kind parsed = java.util.Arrays.stream(ParcelDiscrepancies.Kind.values())
			.filter((known) -> known.name().equals(kind))
			.findFirst()
			.orElse(null);
		boolean attached = photo != null && !photo.isEmpty();
		return new ParcelDiscrepancies.NewDiscrepancy(parsed, description, attached ? photo.getBytes() : null,
				attached ? photo.getOriginalFilename() : null);
	}

	/**
	 * What was typed, shown again with the refusal.
	 */
	record Form(String tracking, String kind, String description) {

	}

}
