package io.concierge.partners.web;

import java.security.Principal;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.partners.PurchaseOrder;
import io.concierge.partners.PurchaseOrders;
import io.concierge.partners.VendorRefused;

/**
 * Operations' page of vendors' purchase orders: those shipped first, to count what came
 * at the warehouse; discrepancies with the vendor's advance ship notice shown.
 */
@Controller
class PurchaseOrderOperationsController {

	static final String PAGE = "/operations/purchase-orders";

	private final PurchaseOrders orders;

	PurchaseOrderOperationsController(PurchaseOrders orders) {
		this.orders = orders;
	}

	@GetMapping(PAGE)
	String page(Model model) {
		model.addAttribute("orders", this.orders.all());
		return "partners/purchase-orders-operations";
	}

	@PostMapping(PAGE + "/{id}/receipt")
	String receive(@PathVariable UUID id, @RequestParam Map<String, String> form, Principal principal,
			HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
		try {
			PurchaseOrder order = this.orders.receive(id, Quantities.of(form, "received-"), principal.getName(),
					request.getRemoteAddr());
			redirect.addFlashAttribute("received", order.vendorName() + " " + order.number());
			return "redirect:" + PAGE;
		}
		catch (VendorRefused ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("problem", ex.messageKey());
			model.addAttribute("problemLine", ex.line());
			model.addAttribute("problemValue", ex.value());
			return page(model);
		}
	}

}
