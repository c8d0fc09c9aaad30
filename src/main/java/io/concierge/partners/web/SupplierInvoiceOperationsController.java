package io.concierge.partners.web;

import java.security.Principal;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.billing.InvalidSupplierInvoice;
import io.concierge.billing.SupplierInvoice;
import io.concierge.billing.SupplierInvoices;
import io.concierge.partners.VendorInvoices;
import io.concierge.shared.NotFound;

/**
 * Finance's page of supplier invoices (operations and administrators, as the web chain
 * lets only them reach {@code /operations/**}): approve, dispute with a reason, mark
 * paid; each with whether the warehouse received what its purchase order shipped.
 */
@Controller
class SupplierInvoiceOperationsController {

	static final String PAGE = "/operations/supplier-invoices";

	private final VendorInvoices reviews;

	private final SupplierInvoices invoices;

	SupplierInvoiceOperationsController(VendorInvoices reviews, SupplierInvoices invoices) {
		this.reviews = reviews;
		this.invoices = invoices;
	}

	@GetMapping(PAGE)
	String page(Model model) {
		model.addAttribute("reviews", this.reviews.all());
		return "partners/supplier-invoices-operations";
	}

	@PostMapping(PAGE + "/{id}/approval")
	String approve(@PathVariable UUID id, Principal principal, HttpServletRequest request, HttpServletResponse response,
			Model model, RedirectAttributes redirect) {
		try {
			done(this.invoices.approve(id, principal.getName(), request.getRemoteAddr()), redirect);
			return "redirect:" + PAGE;
		}
		catch (InvalidSupplierInvoice ex) {
			return refused(ex, response, model);
		}
	}

	@PostMapping(PAGE + "/{id}/dispute")
	String dispute(@PathVariable UUID id, @RequestParam(defaultValue = "") String reason, Principal principal,
			HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
		try {
			done(this.invoices.dispute(id, reason, principal.getName(), request.getRemoteAddr()), redirect);
			return "redirect:" + PAGE;
		}
		catch (InvalidSupplierInvoice ex) {
			return refused(ex, response, model);
		}
	}

	@PostMapping(PAGE + "/{id}/payment")
	String pay(@PathVariable UUID id, Principal principal, HttpServletRequest request, HttpServletResponse response,
			Model model, RedirectAttributes redirect) {
		try {
			done(this.invoices.markPaid(id, principal.getName(), request.getRemoteAddr()), redirect);
			return "redirect:" + PAGE;
		}
		catch (InvalidSupplierInvoice ex) {
			return refused(ex, response, model);
		}
	}

	@GetMapping(PAGE + "/{id}/pdf")
	ResponseEntity<Resource> pdf(@PathVariable UUID id, Principal principal) {
		SupplierInvoice invoice = this.invoices.find(id).orElseThrow(() -> new NotFound("supplier invoice " + id));
		return VendorInvoicesController.download(this.invoices.pdf(invoice, principal.getName())
			.orElseThrow(() -> new NotFound("supplier invoice PDF " + id)), invoice);
	}

	private static void done(SupplierInvoice invoice, RedirectAttributes redirect) {
		redirect.addFlashAttribute("changed", invoice.supplierName() + " " + invoice.number());
		redirect.addFlashAttribute("changedStatus", invoice.status().name());
	}

	private String refused(InvalidSupplierInvoice ex, HttpServletResponse response, Model model) {
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		model.addAttribute("problem", ex.messageKey());
		model.addAttribute("problemValue", ex.value());
		return page(model);
	}

}
