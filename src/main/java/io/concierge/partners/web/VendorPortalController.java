package io.concierge.partners.web;

import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

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

import io.concierge.intake.MalformedSubmission;
import io.concierge.intake.PurchaseOrderIntake;
import io.concierge.intake.Submissions;
import io.concierge.partners.Partner;
import io.concierge.partners.PurchaseOrder;
import io.concierge.partners.PurchaseOrderRefused;
import io.concierge.partners.PurchaseOrders;
import io.concierge.partners.VendorInvoices;
import io.concierge.partners.VendorRefused;
import io.concierge.partners.VendorStock;
import io.concierge.shared.NotFound;

/**
 * A vendor's pages in the partner portal: its stock with each SKU's history and
 * threshold, and its purchase orders (submit by form, CSV or X12 850, the last through
 * intake, listed with what became of each; see the acknowledgement and download it as an
 * X12 855, send the advance ship notice, see what the warehouse received).
 */
@Controller
class VendorPortalController {

	static final String STOCK = "/partner/stock";

	static final String ORDERS = "/partner/purchase-orders";

	/**
	 * How many lines the purchase order form offers.
	 */
	static final int FORM_LINES = 5;

	/**
	 * How many of the purchase orders sent as X12 the page lists.
	 */
	static final int SENT_SHOWN = 50;

	private final VendorCallers callers;

	private final VendorStock stock;

	private final PurchaseOrders orders;

	private final VendorInvoices invoices;

	private final PurchaseOrderIntake intake;

	VendorPortalController(VendorCallers callers, VendorStock stock, PurchaseOrders orders, VendorInvoices invoices,
			PurchaseOrderIntake intake) {
		this.callers = callers;
		this.stock = stock;
		this.orders = orders;
		this.invoices = invoices;
		this.intake = intake;
	}

	@GetMapping(STOCK)
	String stock(Principal principal, Model model) {
		Partner vendor = this.callers.vendor(principal);
		List<VendorStock.Level> levels = this.stock.levels(vendor);
		Map<String, VendorStock.Level> skus = new LinkedHashMap<>();
		levels.forEach((level) -> skus.putIfAbsent(level.sku(), level));
		model.addAttribute("vendor", vendor);
		model.addAttribute("levels", levels);
		model.addAttribute("skus", skus.values());
		return "partners/stock";
	}

	@GetMapping(STOCK + "/{sku}")
	String history(@PathVariable String sku, Principal principal, Model model) {
		Partner vendor = this.callers.vendor(principal);
		model.addAttribute("vendor", vendor);
		model.addAttribute("sku", sku);
		model.addAttribute("movements", this.stock.history(vendor, sku));
		return "partners/stock-history";
	}

	@PostMapping(STOCK + "/thresholds")
	String threshold(@RequestParam String sku, @RequestParam(required = false) @Nullable String threshold,
			Principal principal, HttpServletRequest request, HttpServletResponse response, Model model,
			RedirectAttributes redirect) {
		Partner vendor = this.callers.vendor(principal);
		try {
			Integer value = (threshold == null || threshold.isBlank()) ? null : parse(threshold.strip());
			this.stock.threshold(vendor, sku, value, principal.getName(), request.getRemoteAddr());
			redirect.addFlashAttribute("thresholdSet", sku);
			return "redirect:" + STOCK;
		}
		catch (VendorRefused ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("problem", ex.messageKey());
			return stock(principal, model);
		}
	}

	private static int parse(String threshold) {
		return threshold.matches("[0-9]{1,9}") ? Integer.parseInt(threshold) : -1;
	}

	@GetMapping(ORDERS)
	String orders(Principal principal, Model model) {
		Partner vendor = this.callers.vendor(principal);
		model.addAttribute("vendor", vendor);
		model.addAttribute("orders", this.orders.of(vendor));
		model.addAttribute("sent",
				this.intake.submissions(vendor.id(), SENT_SHOWN).stream().map(SentPurchaseOrder::of).toList());
		model.addAttribute("orderToShip", this.orders.orderToShip(vendor));
		model.addAttribute("columns", String.join(",", PurchaseOrders.COLUMNS));
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new PurchaseOrderForm("", blankLines()));
		}
		return "partners/purchase-orders";
	}

	/**
	 * The purchase order form as the vendor filled it in.
	 */
	record PurchaseOrderForm(String number, List<PurchaseOrderForm.Line> lines) {

		record Line(String sku, String quantity, String unitPrice, String currency, String requestedDate) {

		}

	}

	private static List<PurchaseOrderForm.Line> blankLines() {
		List<PurchaseOrderForm.Line> lines = new ArrayList<>();
		for (int i = 0; i < FORM_LINES; i++) {
			lines.add(new PurchaseOrderForm.Line("", "", "", "EUR", ""));
		}
		return lines;
	}

	@PostMapping(ORDERS)
	String submit(@RequestParam(defaultValue = "") String number, @RequestParam(required = false) List<String> sku,
			@RequestParam(required = false) List<String> quantity,
			@RequestParam(required = false) List<String> unitPrice,
			@RequestParam(required = false) List<String> currency,
			@RequestParam(required = false) List<String> requestedDate, Principal principal, HttpServletRequest request,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		Partner vendor = this.callers.vendor(principal);
		List<PurchaseOrderForm.Line> lines = new ArrayList<>();
		List<PurchaseOrders.Draft> drafts = new ArrayList<>();
		for (int i = 0; i < FORM_LINES; i++) {
			PurchaseOrderForm.Line line = new PurchaseOrderForm.Line(at(sku, i), at(quantity, i), at(unitPrice, i),
					at(currency, i), at(requestedDate, i));
			lines.add(line);
			if (!line.sku().isBlank() || !line.quantity().isBlank()) {
				drafts.add(new PurchaseOrders.Draft(i + 1, number, line.sku(), line.quantity(), line.unitPrice(),
						line.currency(), line.requestedDate()));
			}
		}
		try {
			PurchaseOrder order = this.orders
				.submit(vendor, "FORM", drafts, principal.getName(), request.getRemoteAddr())
				.getFirst();
			redirect.addFlashAttribute("submitted", order.number());
			return "redirect:" + ORDERS + "/" + order.number();
		}
		catch (PurchaseOrderRefused ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("formProblems", ex.problems());
			model.addAttribute("form", new PurchaseOrderForm(number, lines));
			return orders(principal, model);
		}
	}

	private static String at(@Nullable List<String> values, int i) {
		return (values != null && i < values.size() && values.get(i) != null) ? values.get(i).strip() : "";
	}

	@PostMapping(ORDERS + "/csv")
	String upload(@RequestParam(required = false) @Nullable MultipartFile file, Principal principal,
			HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect)
			throws IOException {
		Partner vendor = this.callers.vendor(principal);
		try {
			List<PurchaseOrder> taken = this.orders.submitCsv(vendor, (file != null) ? file.getBytes() : new byte[0],
					principal.getName(), request.getRemoteAddr());
			redirect.addFlashAttribute("uploaded", taken.stream().map(PurchaseOrder::number).toList());
			return "redirect:" + ORDERS;
		}
		catch (PurchaseOrderRefused ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("csvProblems", ex.problems());
			return orders(principal, model);
		}
	}

	/**
	 * Hands the file to intake, which stores each purchase order in it as it came and
	 * checks them after: the page says how many were received, and its list what became
	 * of each.
	 */
	@PostMapping(ORDERS + "/x12")
	String uploadX12(@RequestParam(required = false) @Nullable MultipartFile file, Principal principal,
			HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect)
			throws IOException {
		Partner vendor = this.callers.vendor(principal);
		try {
			List<PurchaseOrderIntake.Sent> sent = this.intake.receive(vendor.id(),
					(file != null) ? file.getBytes() : new byte[0], principal.getName(), request.getRemoteAddr());
			redirect.addFlashAttribute("received", sent.size());
			redirect.addFlashAttribute("resent", sent.stream().filter(PurchaseOrderIntake.Sent::duplicate).count());
			return "redirect:" + ORDERS;
		}
		catch (MalformedSubmission ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("po850Problems",
					this.orders
						.refusedX12(vendor, String.valueOf(ex.getMessage()), principal.getName(),
								request.getRemoteAddr())
						.problems());
			return orders(principal, model);
		}
		catch (Submissions.Backlogged ex) {
			response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			model.addAttribute("po850Problems", List.of(new PurchaseOrderRefused.Problem(0, "busy", "")));
			return orders(principal, model);
		}
	}

	@GetMapping(ORDERS + "/submissions/{id}/997.edi")
	ResponseEntity<String> sentAcknowledgement(@PathVariable UUID id, Principal principal) {
		Partner vendor = this.callers.vendor(principal);
		return edi(id.toString(), "997", this.intake.functionalAcknowledgement(vendor.id(), id));
	}

	@GetMapping(ORDERS + "/{number}/855.edi")
	ResponseEntity<String> acknowledgement(@PathVariable String number, Principal principal) {
		Partner vendor = this.callers.vendor(principal);
		return edi(number, "855", this.orders.acknowledgement(vendor, number));
	}

	@GetMapping(ORDERS + "/{number}/997.edi")
	ResponseEntity<String> functionalAcknowledgement(@PathVariable String number, Principal principal) {
		Partner vendor = this.callers.vendor(principal);
		return edi(number, "997", this.orders.functionalAcknowledgement(vendor, number));
	}

	private static ResponseEntity<String> edi(String number, String kind, Optional<String> document) {
		String edi = document.orElseThrow(() -> new NotFound(kind + " of purchase order " + number));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(PurchaseOrderApi.X12))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(number + "-" + kind + ".edi").build().toString())
			.body(edi);
	}

	@PostMapping(ORDERS + "/ship-notices")
	String shipNotice(@RequestParam(required = false) @Nullable MultipartFile file, Principal principal,
			HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect)
			throws IOException {
		Partner vendor = this.callers.vendor(principal);
		try {
			PurchaseOrder order = this.orders.shipX12(vendor, (file != null) ? file.getBytes() : new byte[0],
					principal.getName(), request.getRemoteAddr());
			redirect.addFlashAttribute("shipped", order.shipmentNumber());
			return "redirect:" + ORDERS + "/" + order.number();
		}
		catch (VendorRefused ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("x12Problem", ex.messageKey());
			model.addAttribute("x12Value", ex.value());
			return orders(principal, model);
		}
	}

	@GetMapping(ORDERS + "/{number}")
	String order(@PathVariable String number, Principal principal, Model model) {
		Partner vendor = this.callers.vendor(principal);
		model.addAttribute("vendor", vendor);
		model.addAttribute("order",
				this.orders.find(vendor, number).orElseThrow(() -> new NotFound("purchase order " + number)));
		VendorInvoicesController.invoicesOf(vendor, number, this.invoices, model);
		model.addAttribute("has997", this.orders.functionalAcknowledgement(vendor, number).isPresent());
		return "partners/purchase-order";
	}

	@PostMapping(ORDERS + "/{number}/shipment")
	String ship(@PathVariable String number, @RequestParam(defaultValue = "") String shipment,
			@RequestParam Map<String, String> form, Principal principal, HttpServletRequest request,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		Partner vendor = this.callers.vendor(principal);
		if (this.orders.find(vendor, number).isEmpty()) {
			throw new NotFound("purchase order " + number);
		}
		try {
			this.orders.ship(vendor, number, shipment, Quantities.of(form, "shipped-"), principal.getName(),
					request.getRemoteAddr());
			redirect.addFlashAttribute("shipped", shipment.strip());
			return "redirect:" + ORDERS + "/" + number;
		}
		catch (VendorRefused ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("problem", ex.messageKey());
			model.addAttribute("problemLine", ex.line());
			model.addAttribute("problemValue", ex.value());
			return order(number, principal, model);
		}
	}

}
