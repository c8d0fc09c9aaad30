package io.concierge.tracking.web;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.concierge.identity.SecurityEvents;
import io.concierge.orders.ShipmentTracking.Recorded;
import io.concierge.shared.NotFound;
import io.concierge.tracking.CarrierEvents;
import io.concierge.tracking.CarrierEvents.NotSigned;
import io.concierge.tracking.CarrierWebhook;
import io.concierge.tracking.UnreadableEvent;

/**
 * {@code POST /api/webhooks/easypost} and {@code /api/webhooks/aftership}: tracking
 * services report what carriers scanned.
 */
@RestController
class CarrierWebhookApi {

	/** Larger events are refused before they are read whole. */
	private static final int LIMIT = 1024 * 1024;

	private final CarrierEvents events;

	private final SecurityEvents securityEvents;

	CarrierWebhookApi(CarrierEvents events, SecurityEvents securityEvents) {
		this.events = events;
		this.securityEvents = securityEvents;
	}

	@PostMapping("/api/webhooks/{service}")
	@Operation(summary = "A tracking service's webhook (easypost, aftership)",
			description = "EasyPost: X-Hmac-Signature: hmac-sha256-hex=<hex HMAC-SHA256 of the body with the NFKD "
					+ "secret>. AfterShip: aftership-hmac-sha256: <base64 HMAC-SHA256 of the body>. 200 with what "
					+ "it changed; an unknown tracking number is taken and ignored.")
	Recorded receive(@PathVariable String service, HttpServletRequest request) throws IOException {
		CarrierWebhook webhook;
		try {
			webhook = CarrierWebhook.valueOf(service.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new NotFound("webhook " + service);
		}
		if (request.getContentLengthLong() > LIMIT) {
			throw new TooLarge();
		}
		byte[] body = request.getInputStream().readNBytes(LIMIT + 1);
		if (body.length > LIMIT) {
			throw new TooLarge();
		}
		return this.events.receive(webhook, body, request::getHeader);
	}

	/**
	 * Refused, and audited: a wrong signature may be someone forging a carrier's news.
	 */
	@ExceptionHandler(NotSigned.class)
	ProblemDetail notSigned(NotSigned ex, HttpServletRequest request) {
		this.securityEvents.record(SecurityEvents.Kind.SIGNATURE_REFUSED, "anonymous",
				"tracking " + request.getMethod() + " " + request.getRequestURI(), request.getRemoteAddr());
		return ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
				"The signature is missing or does not match the body. Nothing was recorded.");
	}

	@ExceptionHandler(UnreadableEvent.class)
	ProblemDetail unreadable(UnreadableEvent ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The event cannot be read: " + ex.getMessage() + ". Nothing was recorded.");
	}

	@ExceptionHandler(TooLarge.class)
	ProblemDetail tooLarge(TooLarge ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
				"The event is larger than " + LIMIT + " bytes. Nothing was recorded.");
	}

	@ExceptionHandler(NotFound.class)
	ProblemDetail notFound(NotFound ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no " + ex.getMessage() + ".");
	}

	static class TooLarge extends RuntimeException {

		TooLarge() {
			super("Event over " + LIMIT + " bytes");
		}

	}

}
