package io.concierge.partners.web;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.concierge.intake.MalformedSubmission;
import io.concierge.intake.PurchaseOrderIntake;
import io.concierge.intake.Submissions;
import io.concierge.partners.PurchaseOrder;
import io.concierge.partners.PurchaseOrderRefused;
import io.concierge.partners.PurchaseOrders;
import io.concierge.shared.NotFound;

/**
 * {@code POST /api/partner/purchase-orders}: a vendor's purchase orders as an X12
 * interchange of 850s ({@code application/edi-x12} or {@code text/plain}), stored by
 * intake and answered at once ({@code 202}) with each purchase order received and where
 * to ask what became of it (its 997, and once taken in its 855); or as CSV
 * ({@code text/csv}, the columns of the portal's file), all or none, answered with the
 * numbers taken in. A refusal is problem+json naming each line or the segment at fault.
 * Called as {@link VendorStockApi} is: the vendor's systems with a token or key of the
 * {@code partner} scope, or the vendor's session with its CSRF token.
 */
@RestController
class PurchaseOrderApi {

	static final String X12 = "application/edi-x12";

	private final VendorCallers callers;

	private final PurchaseOrders orders;

	private final PurchaseOrderIntake intake;

	PurchaseOrderApi(VendorCallers callers, PurchaseOrders orders, PurchaseOrderIntake intake) {
		this.callers = callers;
		this.orders = orders;
		this.intake = intake;
	}

	@PostMapping(path = "/api/partner/purchase-orders", consumes = { X12, MediaType.TEXT_PLAIN_VALUE, "text/csv" })
	@Operation(summary = "Submit a vendor's purchase orders",
			description = "An X12 interchange of 850s (answered 202 with each purchase order received, checked"
					+ " after) or CSV (answered with the numbers taken in, all or none).",
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
		List<SentPurchaseOrder> sent;
		try {
			sent = this.intake.receive(vendor.partner().id(), body, vendor.actor(), request.getRemoteAddr())
				.stream()
				.map(SentPurchaseOrder::of)
				.toList();
		}
		catch (MalformedSubmission ex) {
			throw this.orders.refusedX12(vendor.partner(), ex.getMessage(), vendor.actor(), request.getRemoteAddr());
		}
		long resent = sent.stream().filter((one) -> one.sent().duplicate()).count();
		return ResponseEntity.accepted()
			.body(Map.of("received", sent.size(), "resent", resent, "submissions",
					sent.stream().map(SentPurchaseOrder::json).toList()));
	}

	@GetMapping("/api/partner/purchase-orders/submissions/{id}")
	@Operation(summary = "What became of a purchase order sent as X12 850",
			description = "received, accepted (with its number and 855), refused (with the problems) or failed;"
					+ " its 997 once answered.",
			security = { @SecurityRequirement(name = "partnerClient"), @SecurityRequirement(name = "apiKey"),
					@SecurityRequirement(name = "session") })
	ResponseEntity<?> sent(@PathVariable UUID id, Principal principal) {
		PartnerCallers.PartnerCaller vendor = this.callers.vendorCaller(principal);
		return this.intake.find(vendor.partner().id(), id)
			.<ResponseEntity<?>>map((sent) -> ResponseEntity.ok(SentPurchaseOrder.of(sent).json()))
			.orElseGet(PurchaseOrderApi::notSent);
	}

	@GetMapping("/api/partner/purchase-orders/submissions/{id}/997")
	@Operation(summary = "The 997 answering a purchase order sent as X12 850",
			description = "AK5*A when it was taken in, AK5*R when it was refused, in the 850's delimiters.",
			security = { @SecurityRequirement(name = "partnerClient"), @SecurityRequirement(name = "apiKey"),
					@SecurityRequirement(name = "session") })
	ResponseEntity<?> functionalAcknowledgement(@PathVariable UUID id, Principal principal) {
		PartnerCallers.PartnerCaller vendor = this.callers.vendorCaller(principal);
		return this.intake.functionalAcknowledgement(vendor.partner().id(), id)
			.<ResponseEntity<?>>map((edi) -> ResponseEntity.ok().contentType(MediaType.parseMediaType(X12)).body(edi))
			.orElseGet(PurchaseOrderApi::notSent);
	}

	/**
	 * Another vendor's purchase order, or one not answered yet, is not found either.
	 */
	private static ResponseEntity<ProblemDetail> notSent() {
		return problem(HttpStatus.NOT_FOUND, "not-found", "You sent no such purchase order, or it is not answered yet.",
				Map.of());
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
		return problem(HttpStatus.BAD_REQUEST, first.reason(), first.inWords() + " Nothing was taken in"
				+ ((problems.size() > 1) ? "; " + (problems.size() - 1) + " more problem(s) in \"problems\"." : "."),
				Map.of("problems", problems));
	}

	@ExceptionHandler(Submissions.Backlogged.class)
	ResponseEntity<ProblemDetail> backlogged(Submissions.Backlogged ex) {
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "busy",
				"Too many of your purchase orders wait to be checked; send this one again in a few minutes.", Map.of());
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
