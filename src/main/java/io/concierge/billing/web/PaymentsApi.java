package io.concierge.billing.web;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.concierge.billing.Billing;
import io.concierge.billing.Billing.Filter;
import io.concierge.billing.InvalidPayment;
import io.concierge.billing.PaymentProvider.WebhookRefused;
import io.concierge.billing.Payments;
import io.concierge.identity.Callers;
import io.concierge.shared.NotFound;

/**
 * Invoices and payments for the customer's own systems (with an API key or a session),
 * and the providers' webhooks.
 */
@RestController
class PaymentsApi {

	private final Billing billing;

	private final Payments payments;

	private final Callers callers;

	private final MessageSource messages;

	PaymentsApi(Billing billing, Payments payments, Callers callers, MessageSource messages) {
		this.billing = billing;
		this.payments = payments;
		this.callers = callers;
		this.messages = messages;
	}

	record InvoiceSummary(String number, String kind, String order, Instant issuedAt, LocalDate dueOn, String currency,
			BigDecimal total, BigDecimal open, String status) {

		static InvoiceSummary of(Billing.Summary summary) {
			return new InvoiceSummary(summary.number(), summary.kind().name(), summary.orderNumber(),
					summary.issuedAt(), summary.dueOn(), summary.currency(), summary.total(), summary.open(),
					summary.status().name());
		}

	}

	record InvoicePage(List<InvoiceSummary> items, int page, boolean hasNext) {

	}

	/**
	 * The caller's invoices and credit notes, newest first, 25 a page.
	 */
	@GetMapping("/api/invoices")
	@Operation(summary = "The caller's invoices and credit notes, newest first")
	InvoicePage invoices(@RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
			@RequestParam(required = false) Billing.Status status, @RequestParam(required = false) String order,
			@RequestParam(defaultValue = "0") int page, Principal principal) {
		Billing.Page found = this.billing.list(this.callers.of(principal),
				new Filter(from, to, status, order, null, null, page));
		return new InvoicePage(found.items().stream().map(InvoiceSummary::of).toList(), found.page(), found.hasNext());
	}

	@GetMapping("/api/invoices/{number}")
	@Operation(summary = "One invoice or credit note: lines, taxes, what is open, payments")
	Map<String, Object> invoice(@PathVariable String number, Principal principal) {
		Billing.Details details = this.billing.details(this.callers.of(principal), number)
			.orElseThrow(() -> new NotFound("invoice " + number));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("summary", InvoiceSummary.of(details.summary()));
		body.put("lines", details.invoice().lines());
		body.put("taxes", details.invoice().taxGroups());
		body.put("corrects", details.invoice().corrects());
		body.put("payments", details.payments());
		return body;
	}

	/**
	 * @param amount what the caller means to pay: it must be what is open
	 */
	record PaymentRequest(@NotBlank String invoice, @Nullable BigDecimal amount,
			@Nullable @Pattern(regexp = "[A-Z]{3}") String currency, @Nullable String returnUrl) {

	}

	record PaymentStarted(String payment, String checkoutUrl) {

	}

	/**
	 * Starts paying an invoice: the answer says where to send the payer.
	 */
	@PostMapping("/api/payments")
	@Operation(summary = "Start paying an invoice; the answer names the checkout to send the payer to")
	ResponseEntity<PaymentStarted> pay(@RequestBody @jakarta.validation.Valid PaymentRequest request,
			Principal principal, HttpServletRequest http) {
		String base = http.getScheme() + "://" + http.getServerName() + ":" + http.getServerPort();
		Payments.Started started = this.payments.start(this.callers.of(principal), request.invoice(), request.amount(),
				request.currency(), principal.getName(), http.getRemoteAddr(), base + "/billing/" + request.invoice());
		return ResponseEntity.created(URI.create("/api/invoices/" + request.invoice()))
			.body(new PaymentStarted(started.payment().toString(), started.checkoutUrl()));
	}

	/**
	 * A provider's webhook: 200 whenever it is genuine, whether or not it changed
	 * anything, so the provider stops sending it.
	 */
	@PostMapping("/api/payments/webhooks/{provider}")
	@Operation(summary = "A payment provider's signed webhook (sandbox, stripe)")
	Map<String, String> webhook(@PathVariable String provider, @RequestBody byte[] body, HttpServletRequest request) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (String name : Collections.list(request.getHeaderNames())) {
			headers.put(name.toLowerCase(Locale.ROOT), request.getHeader(name));
		}
		Payments.Outcome outcome = this.payments.webhook(provider, new String(body, StandardCharsets.UTF_8), headers,
				request.getRemoteAddr());
		return Map.of("outcome", outcome.name());
	}

	@ExceptionHandler(InvalidPayment.class)
	ProblemDetail invalid(InvalidPayment ex, Locale locale) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				this.messages.getMessage(ex.messageKey(), ex.arguments(), locale));
		problem.setTitle("Payment refused");
		problem.setProperty("reason", ex.reason());
		return problem;
	}

	@ExceptionHandler(WebhookRefused.class)
	ProblemDetail refused(WebhookRefused ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Webhook refused");
		return problem;
	}

}
