package io.concierge.partners.web;

import java.io.IOException;
import java.security.Principal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.billing.InvalidSupplierInvoice;
import io.concierge.billing.SupplierInvoice;
import io.concierge.billing.SupplierInvoices;
import io.concierge.documents.Documents;
import io.concierge.partners.Partner;
import io.concierge.partners.PurchaseOrders;
import io.concierge.partners.VendorInvoices;
import io.concierge.partners.VendorRefused;
import io.concierge.shared.NotFound;

/**
 * A vendor's invoices in the partner portal: sent on the page of a shipped purchase order
 * (with the PDF, if any), and all of them with where they stand on {@value #INVOICES}.
 */
@Controller
class VendorInvoicesController {

	static final String INVOICES = "/partner/invoices";

	private final VendorCallers callers;

	private final PurchaseOrders orders;

	private final VendorInvoices invoices;

	private final SupplierInvoices supplierInvoices;

	VendorInvoicesController(VendorCallers callers, PurchaseOrders orders, VendorInvoices invoices,
			SupplierInvoices supplierInvoices) {
		this.callers = callers;
		this.orders = orders;
		this.invoices = invoices;
		this.supplierInvoices = supplierInvoices;
	}

	/**
	 * The invoice form as the vendor filled it in.
	 */
	record InvoiceForm(String number, String issuedOn, String dueOn, String currency, String net, String tax,
			String gross) {

		static InvoiceForm blank() {
			String today = LocalDate.now(ZoneOffset.UTC).toString();
			return new InvoiceForm("", today, LocalDate.now(ZoneOffset.UTC).plusDays(30).toString(), "EUR", "", "", "");
		}

	}

	/**
	 * What the purchase order's page shows of its invoices.
	 */
	static void invoicesOf(Partner vendor, String number, VendorInvoices invoices, Model model) {
		model.addAttribute("invoices", invoices.of(vendor, number));
		if (!model.containsAttribute("invoiceForm")) {
			model.addAttribute("invoiceForm", InvoiceForm.blank());
		}
	}

	@GetMapping(INVOICES)
	String invoices(Principal principal, Model model) {
		Partner vendor = this.callers.vendor(principal);
		model.addAttribute("vendor", vendor);
		model.addAttribute("invoices", this.invoices.of(vendor));
		return "partners/invoices";
	}

	@PostMapping(VendorPortalController.ORDERS + "/{number}/invoices")
	String submit(@PathVariable String number, @RequestParam(defaultValue = "") String invoiceNumber,
			@RequestParam(defaultValue = "") String issuedOn, @RequestParam(defaultValue = "") String dueOn,
			@RequestParam(defaultValue = "") String currency, @RequestParam(defaultValue = "") String net,
			@RequestParam(defaultValue = "") String tax, @RequestParam(defaultValue = "") String gross,
			@RequestParam(required = false) @Nullable MultipartFile pdf, Principal principal,
			HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect)
			throws IOException {
		Partner vendor = this.callers.vendor(principal);
		if (this.orders.find(vendor, number).isEmpty()) {
			throw new NotFound("purchase order " + number);
		}
		InvoiceForm form = new InvoiceForm(invoiceNumber, issuedOn, dueOn, currency, net, tax, gross);
		byte[] content = (pdf != null && !pdf.isEmpty()) ? pdf.getBytes() : null;
		try {
			SupplierInvoice invoice = this.invoices.submit(vendor, number,
					new VendorInvoices.Draft(invoiceNumber, issuedOn, dueOn, currency, net, tax, gross), content,
					(pdf != null) ? pdf.getOriginalFilename() : null, principal.getName(), request.getRemoteAddr());
			redirect.addFlashAttribute("invoiced", invoice.number());
			return "redirect:" + VendorPortalController.ORDERS + "/" + number;
		}
		catch (InvalidSupplierInvoice ex) {
			return refused(vendor, number, form, ex.messageKey(), ex.value(), response, model);
		}
		catch (VendorRefused ex) {
			return refused(vendor, number, form, ex.messageKey(), ex.value(), response, model);
		}
	}

	private String refused(Partner vendor, String number, InvoiceForm form, String problem, String value,
			HttpServletResponse response, Model model) {
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		model.addAttribute("invoiceProblem", problem);
		model.addAttribute("invoiceProblemValue", value);
		model.addAttribute("invoiceForm", form);
		model.addAttribute("vendor", vendor);
		model.addAttribute("order", this.orders.find(vendor, number).orElseThrow());
		invoicesOf(vendor, number, this.invoices, model);
		return "partners/purchase-order";
	}

	@GetMapping(INVOICES + "/{id}/pdf")
	ResponseEntity<Resource> pdf(@PathVariable UUID id, Principal principal) {
		Partner vendor = this.callers.vendor(principal);
		SupplierInvoice invoice = this.invoices.find(vendor, id).orElseThrow(() -> new NotFound("invoice " + id));
		return download(this.supplierInvoices.pdf(invoice, principal.getName())
			.orElseThrow(() -> new NotFound("invoice PDF " + id)), invoice);
	}

	static ResponseEntity<Resource> download(Documents.Opened opened, SupplierInvoice invoice) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(invoice.number() + ".pdf").build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.body(opened.content());
	}

}
