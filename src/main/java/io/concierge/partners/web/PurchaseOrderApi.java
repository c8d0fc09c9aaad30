package io.concierge.partners.web;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.concierge.partners.PurchaseOrder;
import io.concierge.partners.PurchaseOrderRefused;
import io.concierge.partners.PurchaseOrders;
import io.concierge.shared.NotFound;

/**
 * {@code POST /api/partner/purchase-orders}: a vendor's purchase orders as an X12 850
 * ({@code application/edi-x12} or {@code text/plain}), answered with the 855 in the 850's
 * delimiters, or as CSV ({@code text/csv}, the columns of the portal's file), answered
 * with the numbers taken in. All or none; a refusal is problem+json naming each line (for
 * an 850 the {@code PO1}'s place) or the segment at fault. Called as
 * {@link VendorStockApi} is: the vendor's systems with a token or key of the
 * {@code partner} scope, or the vendor's session with its CSRF token.
 */
@RestController
class PurchaseOrderApi {

	static final String X12 = "application/edi-x12";

	private final VendorCallers callers;

	private final PurchaseOrders orders;

	PurchaseOrderApi(VendorCallers callers, PurchaseOrders orders) {
		this.callers = callers;
		this.orders = orders;
	}

	@PostMapping(path = "/api/partner/purchase-orders", consumes = { X12, MediaType.TEXT_PLAIN_VALUE, "text/csv" })
	@Operation(summary = "Submit a vendor's purchase orders",
			description = "An X12 850 (answered with its 855, application/edi-x12) or CSV (answered with the numbers"
					+ " taken in), all or none.",
			security = { @SecurityRequirement(name = "partnerClient"), @SecurityRequirement(name = "apiKey"),
					@SecurityRequirement(name = "session") })
	ResponseEntity<?> submit(@RequestBody byte[] body, @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
			Principal principal, HttpServletRequest request) {
		PartnerCallers.PartnerCaller vendor = this.callers.vendorCaller(principal);
		if (MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.parseMediaType("text/csv"))) {
			List<PurchaseOrder> taken = this.orders.submitCsv(vendor.partner(), body, vendor.actor(),
					request.getRemoteAddr());
			List<String> numbers = taken.stream().map(PurchaseOrder::number).toList();
			return ResponseEntity.status(HttpStatus.CREATED)
				.body(Map.of("purchaseOrders", numbers, "acknowledgements",
						numbers.stream().map(PurchaseOrderApi::acknowledgement).toList()));
		}
		PurchaseOrders.X12Submission taken = this.orders.submitX12(vendor.partner(), body, vendor.actor(),
				request.getRemoteAddr());
		return ResponseEntity.created(URI.create(acknowledgement(taken.order().number())))
			.contentType(MediaType.parseMediaType(X12))
			.body(taken.acknowledgement());
	}

	private static String acknowledgement(String number) {
		return VendorPortalController.ORDERS + "/" + number + "/855.edi";
	}

	@ExceptionHandler(PurchaseOrderRefused.class)
	ResponseEntity<ProblemDetail> refused(PurchaseOrderRefused ex) {
		List<Map<String, Object>> problems = ex.problems()
			.stream()
			.map((problem) -> Map.<String, Object>of("line", problem.line(), "reason", problem.reason(), "value",
					problem.value()))
			.toList();
		PurchaseOrderRefused.Problem first = ex.problems().getFirst();
		String where = (first.line() > 0) ? "Line " + first.line() + ": " : "";
		return problem(HttpStatus.BAD_REQUEST, first.reason(), where + detail(first) + " Nothing was taken in"
				+ ((problems.size() > 1) ? "; " + (problems.size() - 1) + " more problem(s) in \"problems\"." : "."),
				Map.of("problems", problems));
	}

	private static String detail(PurchaseOrderRefused.Problem problem) {
		return switch (problem.reason()) {
			case "not850" -> "not an X12 850 purchase order: " + problem.value() + ".";
			case "notCsv" -> "not CSV text in UTF-8.";
			case "unknownSku" -> "\"" + problem.value() + "\" is not a SKU in your stock.";
			case "quantity" ->
				"the quantity must be a whole number from 1 to 1,000,000, not \"" + problem.value() + "\".";
			case "price" -> "the unit price is not an amount in the currency: \"" + problem.value() + "\".";
			case "currency" -> "\"" + problem.value() + "\" is not a currency code.";
			case "date" -> "the requested date is missing or not a date: \"" + problem.value() + "\".";
			case "number" -> "the purchase order number is not valid: \"" + problem.value() + "\".";
			case "exists" -> "you sent purchase order " + problem.value() + " already.";
			case "duplicateSku" -> problem.value() + " comes twice in this purchase order.";
			default -> "refused (" + problem.reason() + ").";
		};
	}

	@ExceptionHandler(PartnerCallers.NoPartner.class)
	ResponseEntity<ProblemDetail> noPartner(PartnerCallers.NoPartner ex) {
		return problem(HttpStatus.FORBIDDEN, "forbidden", "This key or client was not made for a partner.", Map.of());
	}

	@ExceptionHandler(NotFound.class)
	ResponseEntity<ProblemDetail> notFound(NotFound ex) {
		return problem(HttpStatus.NOT_FOUND, "not-a-vendor", "You do not work for a vendor.", Map.of());
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String detail,
			Map<String, Object> properties) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("https://concierge.example/problems/partners/" + type));
		problem.setTitle(status.getReasonPhrase());
		properties.forEach(problem::setProperty);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
