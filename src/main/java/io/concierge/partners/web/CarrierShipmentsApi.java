package io.concierge.partners.web;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.concierge.orders.DeliveryStage;
import io.concierge.partners.CarrierShipments;
import io.concierge.partners.Partner;
import io.concierge.partners.ShipmentRefused;
import io.concierge.shared.NotFound;

/**
 * A carrier's report about one of its parcels as JSON, for the carrier's own systems
 * (with a token or key of the {@code partner} scope made at {@code /partner/api}) or its
 * tools acting in a partner's signed-in session (with its CSRF token, like the pages):
 * {@code {"stage": "OUT_FOR_DELIVERY", "occurredAt": "2026-11-24T08:10:00Z", "location":
 * "Leipzig, DE", "description": "On the van"}}. Errors are problem+json.
 */
@RestController
class CarrierShipmentsApi {

	private final CarrierShipments shipments;

	private final PartnerCallers callers;

	private final MessageSource messages;

	CarrierShipmentsApi(CarrierShipments shipments, PartnerCallers callers, MessageSource messages) {
		this.shipments = shipments;
		this.callers = callers;
		this.messages = messages;
	}

	/**
	 * A report as sent.
	 */
	record Report(@Nullable String stage, @Nullable Instant occurredAt, @Nullable String location,
			@Nullable String description) {

	}

	/**
	 * The parcel as it is after the report.
	 */
	record Reported(String trackingNumber, String orderNumber, @Nullable String stage) {

	}

	@PostMapping("/api/partner/shipments/{trackingNumber}/events")
	@Operation(summary = "Report a parcel's stage",
			description = "For a parcel shipped with the carrier's name; another's is answered 404, "
					+ "a refused report 422. Nothing is changed on an error.",
			security = { @SecurityRequirement(name = "partnerClient"), @SecurityRequirement(name = "apiKey"),
					@SecurityRequirement(name = "session") })
	Reported report(@PathVariable String trackingNumber, @RequestBody Report report, Principal principal,
			HttpServletRequest request) {
		PartnerCallers.PartnerCaller caller;
		try {
			caller = this.callers.of(principal);
		}
		catch (NotFound ex) {
			throw new ShipmentRefused("unknown");
		}
		Partner carrier = caller.partner();
		DeliveryStage stage;
		try {
			stage = DeliveryStage.valueOf(String.valueOf(report.stage()).strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new ShipmentRefused("stageUnknown", String.valueOf(report.stage()));
		}
		CarrierShipments.CarrierShipment shipment = this.shipments.report(carrier, trackingNumber,
				new CarrierShipments.StatusUpdate(stage,
						(report.occurredAt() != null) ? report.occurredAt() : Instant.now(), report.location(),
						report.description()),
				"partner-api", caller.actor(), request.getRemoteAddr());
		return new Reported(shipment.trackingNumber(), shipment.orderNumber(),
				(shipment.stage() != null) ? shipment.stage().name() : null);
	}

	@ExceptionHandler(ShipmentRefused.class)
	ProblemDetail refused(ShipmentRefused ex) {
		ProblemDetail problem = ProblemDetail
			.forStatusAndDetail(ex.unknown() ? HttpStatus.NOT_FOUND : HttpStatus.UNPROCESSABLE_CONTENT, this.messages
				.getMessage("partners.refused." + ex.reason(), ex.arguments(), LocaleContextHolder.getLocale()));
		problem.setType(URI.create("urn:concierge:partners:" + ex.reason()));
		return problem;
	}

	@ExceptionHandler(PartnerCallers.NoPartner.class)
	ProblemDetail noPartner(PartnerCallers.NoPartner ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
				this.messages.getMessage("partners.api.noPartner", null, LocaleContextHolder.getLocale()));
		problem.setType(URI.create("urn:concierge:partners:noPartner"));
		return problem;
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ProblemDetail unreadable(HttpMessageNotReadableException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				this.messages.getMessage("partners.api.unreadable", null, LocaleContextHolder.getLocale()));
	}

}
