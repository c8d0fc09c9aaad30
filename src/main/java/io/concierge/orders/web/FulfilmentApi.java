package io.concierge.orders.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.concierge.identity.ApiKeys.ApiClient;
import io.concierge.orders.FulfilmentFeed;
import io.concierge.orders.FulfilmentFeed.Receipt;
import io.concierge.orders.FulfilmentUpdate;
import io.concierge.orders.LineStatus;
import io.concierge.orders.OrderChangeRefused;
import io.concierge.shared.NotFound;

/**
 * {@code POST /api/fulfilment/events}: the warehouse or ERP says what happened to an
 * order. Called with an API key that has the {@code fulfilment} scope.
 */
@RestController
class FulfilmentApi {

	private final FulfilmentFeed feed;

	FulfilmentApi(FulfilmentFeed feed) {
		this.feed = feed;
	}

	/**
	 * What happened, in the sender's words. {@code EXCEPTION} is a delay with a note.
	 */
	enum Type {

		CONFIRMED, PICKING, PACKED, SHIPPED, IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED, ON_HOLD, DELAYED, EXCEPTION,
		DELIVERY_FAILED, CANCELLED, RETURNED;

		LineStatus status() {
			return (this == EXCEPTION) ? LineStatus.DELAYED : LineStatus.valueOf(name());
		}

	}

	/**
	 * @param lines the lines by SKU (with how many for a shipment); none for the whole
	 * order
	 */
	record Event(@NotBlank @Size(max = 100) String eventId, @NotBlank @Size(max = 40) String orderNumber,
			@NotNull Type type, @NotNull Instant occurredAt, @Size(max = 500) @Nullable List<@Valid Line> lines,
			@Size(max = 60) @Nullable String carrier, @Size(max = 60) @Nullable String service,
			@Size(max = 60) @Nullable String trackingNumber, @Nullable LocalDate promisedDelivery,
			@Size(max = 500) @Nullable String note) {

		FulfilmentUpdate update() {
			return new FulfilmentUpdate(this.orderNumber.strip(), this.type.status(), this.occurredAt,
					(this.lines != null) ? this.lines.stream()
						.map((line) -> new FulfilmentUpdate.LineRef(line.sku(), line.quantity()))
						.toList() : List.of(),
					this.carrier, this.service, this.trackingNumber, this.promisedDelivery, this.note);
		}

	}

	record Line(@NotBlank @Size(max = 60) String sku, @Min(1) @Nullable Integer quantity) {

	}

	@PostMapping("/api/fulfilment/events")
	@Operation(summary = "Report what happened to an order",
			description = "Idempotent by eventId per API key; an event older than what is known moves nothing.",
			security = @SecurityRequirement(name = "apiKey"))
	Receipt receive(@Valid @RequestBody Event event, @AuthenticationPrincipal ApiClient client) {
		return this.feed.receive(client.id().toString(), event.eventId(), event.update());
	}

	@ExceptionHandler(NotFound.class)
	ProblemDetail notFound(NotFound ex) {
		return problem(HttpStatus.NOT_FOUND, "There is no order with this number.");
	}

	@ExceptionHandler(OrderChangeRefused.class)
	ProblemDetail refused(OrderChangeRefused ex) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT,
				"Line " + ex.line() + " is " + ex.from() + " and cannot become " + ex.to() + ". Nothing was changed.");
		problem.setProperty("line", ex.line());
		return problem;
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail unprocessable(IllegalArgumentException ex) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage() + ". Nothing was changed.");
	}

	private static ProblemDetail problem(HttpStatus status, String detail) {
		return ProblemDetail.forStatusAndDetail(status, detail);
	}

}
