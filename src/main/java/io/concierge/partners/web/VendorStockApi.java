package io.concierge.partners.web;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.concierge.partners.VendorRefused;
import io.concierge.partners.VendorStock;
import io.concierge.shared.NotFound;

/**
 * {@code PUT /api/partner/stock}: a vendor's stock levels as they are now, a JSON list of
 * {@code {sku, location, quantity}}, taken all or none. Called by the vendor's systems
 * with a token or key of the {@code partner} scope made at {@code /partner/api}, or with
 * the vendor's session (a partner signed in with a second factor, and the session's CSRF
 * token).
 */
@RestController
class VendorStockApi {

	private final VendorCallers callers;

	private final VendorStock stock;

	VendorStockApi(VendorCallers callers, VendorStock stock) {
		this.callers = callers;
		this.stock = stock;
	}

	@PutMapping("/api/partner/stock")
	@Operation(summary = "Report a vendor's stock levels",
			description = "Absolute levels per SKU and location, all or none; answers how many levels changed.",
			security = { @SecurityRequirement(name = "partnerClient"), @SecurityRequirement(name = "apiKey"),
					@SecurityRequirement(name = "session") })
	ResponseEntity<?> report(@RequestBody List<VendorStock.StockReport> levels, Principal principal,
			HttpServletRequest request) {
		PartnerCallers.PartnerCaller vendor = this.callers.vendorCaller(principal);
		int changed = this.stock.report(vendor.partner(), levels, vendor.actor(), request.getRemoteAddr());
		return ResponseEntity.ok(Map.of("levels", levels.size(), "changed", changed));
	}

	@ExceptionHandler(VendorRefused.class)
	ResponseEntity<ProblemDetail> refused(VendorRefused ex) {
		return problem(HttpStatus.BAD_REQUEST, ex.reason(), detail(ex),
				Map.of("entry", ex.line(), "value", ex.value()));
	}

	@ExceptionHandler(PartnerCallers.NoPartner.class)
	ResponseEntity<ProblemDetail> noPartner(PartnerCallers.NoPartner ex) {
		return problem(HttpStatus.FORBIDDEN, "forbidden", "This key or client was not made for a partner.", Map.of());
	}

	@ExceptionHandler(NotFound.class)
	ResponseEntity<ProblemDetail> notFound(NotFound ex) {
		return problem(HttpStatus.NOT_FOUND, "not-a-vendor", "You do not work for a vendor.", Map.of());
	}

	private static String detail(VendorRefused ex) {
		String where = (ex.line() > 0) ? "Entry " + ex.line() + ": " : "";
		return where + switch (ex.reason()) {
			case "sku" -> "the SKU must be 1 to 60 letters, digits, dots, dashes, underscores or slashes.";
			case "location" -> "the location must be 1 to 60 letters, digits, spaces, dots, dashes or slashes.";
			case "quantity" -> "the quantity must be a whole number from 0.";
			case "duplicate" -> "this SKU and location come twice.";
			case "stockCount" -> "send 1 to 10,000 levels.";
			default -> "refused.";
		} + " Nothing was changed.";
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String detail,
			Map<String, Object> properties) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("https://concierge.example/problems/partners/" + type));
		problem.setTitle(status.getReasonPhrase());
		properties.forEach(problem::setProperty);
		return ResponseEntity.status(status).body(problem);
	}

}
