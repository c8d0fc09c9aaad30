package io.concierge.orders.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.concierge.identity.ApiKeys.ApiClient;
import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.identity.StepUp;
import io.concierge.orders.Address;
import io.concierge.orders.ChangeApprovals;
import io.concierge.orders.ChangeRefused;
import io.concierge.orders.ChangeStatus;
import io.concierge.orders.ChangeView;
import io.concierge.orders.DeliveryPreferences;
import io.concierge.orders.IdempotentRequests;
import io.concierge.orders.InvalidChange;
import io.concierge.orders.OrderSelfService;
import io.concierge.orders.OrderSelfService.ChangeOptions;
import io.concierge.orders.PostalRules;
import io.concierge.orders.Resolution;
import io.concierge.orders.ReturnReason;
import io.concierge.shared.NotFound;

/**
 * The customer's changes as an API, under the same policy as the pages. Every change
 * accepts an {@code Idempotency-Key}: the same key again gets the first answer and
 * changes nothing. The warehouse answers address changes and moves returns on.
 */
@RestController
class OrderChangesApi {

	private final OrderSelfService service;

	private final ChangeApprovals approvals;

	private final IdempotentRequests idempotent;

	private final Callers callers;

	private final VerdictTexts texts;

	private final JsonMapper json;

	private final StepUp stepUp;

	OrderChangesApi(OrderSelfService service, ChangeApprovals approvals, IdempotentRequests idempotent, Callers callers,
			VerdictTexts texts, JsonMapper json, StepUp stepUp) {
		this.stepUp = stepUp;
		this.service = service;
		this.approvals = approvals;
		this.idempotent = idempotent;
		this.callers = callers;
		this.texts = texts;
		this.json = json;
	}

	record Units(@Min(1) int line, @Min(1) int quantity, @Size(max = 60) @Nullable String exchangeSku) {

	}

	record Cancellation(@NotEmpty @Size(max = 500) List<@Valid Units> lines) {

	}

	record Return(@NotEmpty @Size(max = 500) List<@Valid Units> lines, @NotNull ReturnReason reason,
			@Size(max = 2000) @Nullable String note, @NotNull Resolution resolution) {

	}

	record NewAddress(@Nullable String name, @Nullable String lines, @Nullable String postalCode, @Nullable String city,
			@Nullable String region, @Nullable String country) {

	}

	record WarehouseAnswer(boolean accepted, @Size(max = 500) @Nullable String reason) {

	}

	record ReturnStep(@NotNull ChangeStatus status, @Size(max = 500) @Nullable String note) {

	}

	@GetMapping("/api/orders/{number}/changes")
	@Operation(summary = "What the caller may change on an order now, and the changes so far",
			description = "Each action and line has a verdict: INSTANT, APPROVAL or REFUSED, with the reason.",
			security = @SecurityRequirement(name = "session"))
	ChangeOptions options(@PathVariable String number, Principal principal) {
		return this.service.options(this.callers.of(principal), number)
			.orElseThrow(() -> new NotFound("order " + number));
	}

	@PostMapping("/api/orders/{number}/cancellation")
	@Operation(summary = "Cancel lines or some of their units",
			description = "Done at once or waiting for approval, as the policy says. Send an Idempotency-Key to make "
					+ "a retry safe.",
			security = @SecurityRequirement(name = "session"))
	ResponseEntity<String> cancel(@PathVariable String number, @Valid @RequestBody Cancellation body,
			@RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key, Principal principal,
			HttpServletRequest request) {
		Caller caller = this.callers.of(principal);
		Map<Integer, Integer> units = new LinkedHashMap<>();
		body.lines().forEach((line) -> units.merge(line.line(), line.quantity(), Integer::sum));
		return once(principal, key, request, body,
				() -> this.service.cancel(caller, number, units, principal.getName(), request.getRemoteAddr()));
	}

	@PostMapping("/api/orders/{number}/address")
	@Operation(summary = "Send what has not left yet to another address",
			description = "Validated per country. The warehouse may still refuse it; the change then says so.",
			security = @SecurityRequirement(name = "session"))
	ResponseEntity<String> changeAddress(@PathVariable String number, @RequestBody NewAddress body,
			@RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key, Principal principal,
			HttpServletRequest request) {
		this.stepUp.require(principal, request, "/orders/" + number + "/address");
		Caller caller = this.callers.of(principal);
		String country = (body.country() != null) ? body.country().strip().toUpperCase(Locale.ROOT) : null;
		String postalCode = (country != null) ? PostalRules.tidy(body.postalCode(), country) : body.postalCode();
		Map<String, String> problems = PostalRules.problems(body.name(), body.lines(), postalCode, body.city(),
				body.region(), country);
		if (!problems.isEmpty()) {
			throw InvalidChange.fields(problems);
		}
		Address address = new Address(body.name().strip(), body.lines().strip(), postalCode, body.city().strip(),
				(body.region() == null || body.region().isBlank()) ? null : body.region().strip(), country);
		return once(principal, key, request, body, () -> this.service.changeAddress(caller, number, address,
				principal.getName(), request.getRemoteAddr()));
	}

	@PostMapping("/api/orders/{number}/returns")
	@Operation(summary = "Return or exchange delivered units",
			description = "Opens a return with its RMA number; approved with a label at once, or waiting.",
			security = @SecurityRequirement(name = "session"))
	ResponseEntity<String> requestReturn(@PathVariable String number, @Valid @RequestBody Return body,
			@RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key, Principal principal,
			HttpServletRequest request) {
		Caller caller = this.callers.of(principal);
		Map<Integer, Integer> units = new LinkedHashMap<>();
		Map<Integer, String> exchange = new LinkedHashMap<>();
		body.lines().forEach((line) -> {
			units.merge(line.line(), line.quantity(), Integer::sum);
			if (line.exchangeSku() != null) {
				exchange.put(line.line(), line.exchangeSku());
			}
		});
		OrderSelfService.ReturnRequest returnRequest = new OrderSelfService.ReturnRequest(units, exchange,
				body.reason(), body.note(), body.resolution());
		return once(principal, key, request, body, () -> this.service.requestReturn(caller, number, returnRequest,
				List.of(), principal.getName(), request.getRemoteAddr()));
	}

	@PostMapping("/api/orders/{number}/delivery-preferences")
	@Operation(summary = "Say where a parcel may be left, with whom, when, or on which day",
			security = @SecurityRequirement(name = "session"))
	ResponseEntity<String> changeDelivery(@PathVariable String number, @RequestBody DeliveryPreferences body,
			@RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key, Principal principal,
			HttpServletRequest request) {
		Caller caller = this.callers.of(principal);
		return once(principal, key, request, body,
				() -> this.service.changeDelivery(caller, number, body, principal.getName(), request.getRemoteAddr()));
	}

	@PostMapping("/api/fulfilment/address-changes/{change}")
	@Operation(summary = "Confirm or refuse a new delivery address",
			description = "A refusal puts the old address back and tells the customer the reason.",
			security = @SecurityRequirement(name = "apiKey"))
	ChangeView answerAddress(@PathVariable UUID change, @Valid @RequestBody WarehouseAnswer body,
			@AuthenticationPrincipal ApiClient client, HttpServletRequest request) {
		return this.approvals.warehouseAnswered(change, body.accepted(), body.reason(), client.name(),
				request.getRemoteAddr());
	}

	@PostMapping("/api/fulfilment/returns/{returnNumber}")
	@Operation(summary = "Move a return on: IN_TRANSIT, RECEIVED, INSPECTED, REFUNDED or CLOSED",
			security = @SecurityRequirement(name = "apiKey"))
	ChangeView advanceReturn(@PathVariable String returnNumber, @Valid @RequestBody ReturnStep body,
			@AuthenticationPrincipal ApiClient client, HttpServletRequest request) {
		return this.approvals.advanceReturn(returnNumber, body.status(), body.note(), client.name(),
				request.getRemoteAddr());
	}

	private ResponseEntity<String> once(Principal principal, @Nullable String key, HttpServletRequest request,
			Object body, Supplier<ChangeView> change) {
		Supplier<IdempotentRequests.Answer> perform = () -> new IdempotentRequests.Answer(HttpStatus.CREATED.value(),
				this.json.writeValueAsString(change.get()));
		IdempotentRequests.Answer answer = (key == null) ? perform.get()
				: this.idempotent.once(principal.getName(), key, fingerprint(request, body), perform);
		return ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON).body(answer.body());
	}

	private String fingerprint(HttpServletRequest request, Object body) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((request.getMethod() + " " + request.getRequestURI() + " " + this.json.writeValueAsString(body))
					.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@ExceptionHandler(ChangeRefused.class)
	ProblemDetail refused(ChangeRefused ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, this.texts.explain(ex.verdict()));
		problem.setTitle("Not possible now");
		problem.setProperty("reason", ex.verdict().reason());
		return problem;
	}

	@ExceptionHandler(InvalidChange.class)
	ProblemDetail invalid(InvalidChange ex) {
		Map<String, String> problems = new LinkedHashMap<>();
		ex.problems()
			.forEach((field, key) -> problems.put(field.isEmpty() ? "request" : field,
					this.texts.text(key, ex.arguments())));
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				String.join(" ", problems.values()));
		problem.setProperty("problems", problems);
		return problem;
	}

	@ExceptionHandler(IdempotentRequests.KeyReused.class)
	ProblemDetail keyReused(IdempotentRequests.KeyReused ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				"This Idempotency-Key was sent before with a different request. Use a new key for a new request.");
	}

	@ExceptionHandler(StepUp.StepUpRequired.class)
	ProblemDetail stepUp(StepUp.StepUpRequired ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
				"Changing the delivery address needs your second factor from the last ten minutes. "
						+ "Confirm it in the portal, then send the request again.");
		problem.setProperty("stepUp", "/login/second-factor?returnTo=" + ex.returnTo());
		return problem;
	}

	@ExceptionHandler(NotFound.class)
	ProblemDetail notFound(NotFound ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "You have no such order, return or change.");
	}

}
