package io.concierge.intake.web;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.concierge.identity.ApiKeys;
import io.concierge.identity.Role;
import io.concierge.identity.SecurityEvents;
import io.concierge.intake.Acknowledgements;
import io.concierge.intake.Acknowledgements.Acknowledgement;
import io.concierge.intake.Format;
import io.concierge.intake.IntakeChannels;
import io.concierge.intake.MalformedSubmission;
import io.concierge.intake.Submissions;
import io.concierge.intake.Submissions.Backlogged;
import io.concierge.intake.Submissions.BatchReceipt;
import io.concierge.intake.Submissions.NotSigned;
import io.concierge.intake.Submissions.Receipt;
import io.concierge.shared.NotFound;

/**
 * {@code POST /api/intake/{channel}}: a channel hands over an order, signed with the
 * channel's secret. 202 means it is stored and will become an order or a dead letter; the
 * Location tells what became of it.
 */
@RestController
class IntakeApi {

	/** How long a sender is asked to wait when the channel's queue is full. */
	private static final String RETRY_AFTER = "30";

	private static final String EDI_X12 = "application/edi-x12";

	/** Who may read any channel's acknowledgements without its partner's signature. */
	private static final Set<String> STAFF = Set.of("SCOPE_" + ApiKeys.INTAKE, "ROLE_" + Role.OPERATIONS,
			"ROLE_" + Role.ADMINISTRATOR);

	private final Submissions submissions;

	private final IntakeChannels channels;

	private final Acknowledgements acknowledgements;

	private final SecurityEvents securityEvents;

	IntakeApi(Submissions submissions, IntakeChannels channels, Acknowledgements acknowledgements,
			SecurityEvents securityEvents) {
		this.submissions = submissions;
		this.channels = channels;
		this.acknowledgements = acknowledgements;
		this.securityEvents = securityEvents;
	}

	@PostMapping("/api/intake/{channel}")
	@Operation(summary = "Hand over an order from a sales channel",
			description = "The raw body, signed as the channel's format says (Shopify: X-Shopify-Hmac-Sha256; "
					+ "point of sale: X-Concierge-Hmac-Sha256), both the base64 HMAC-SHA256 of the body with the "
					+ "channel's secret. 202 when stored, 200 with the first answer when it was sent before.")
	ResponseEntity<?> submit(@PathVariable String channel, HttpServletRequest request) throws IOException {
		IntakeChannels.Channel settings = this.channels.find(channel)
			.orElseThrow(() -> new NotFound("intake channel " + channel));
		long limit = settings.maxBodySize().toBytes();
		if (request.getContentLengthLong() > limit) {
			throw new TooLarge(limit);
		}
		byte[] body = request.getInputStream().readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE));
		if (body.length > limit) {
			throw new TooLarge(limit);
		}
		if (settings.format() == Format.CSV) {
			return batch(this.submissions.submitBatch(channel, body, request::getHeader),
					"Not one order could be read. Nothing was stored.");
		}
		if (settings.format() == Format.X12) {
			return batch(this.submissions.submitInterchange(channel, body, request::getHeader),
					"Not one purchase order could be taken. Nothing was stored; the 997 acknowledgement says why.");
		}
		Receipt receipt = this.submissions.submit(channel, body, request::getHeader);
		URI location = URI.create("/api/intake/" + channel + "/submissions/" + receipt.id());
		return (receipt.duplicate() ? ResponseEntity.ok() : ResponseEntity.accepted()).location(location).body(receipt);
	}

	/**
	 * A CSV batch or an X12 interchange: 202 with a receipt per order and the rows or
	 * segments that could not be read; 400 when not one order could.
	 */
	private ResponseEntity<?> batch(BatchReceipt batch, String nothingTaken) {
		if (batch.orders().isEmpty()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, nothingTaken);
			problem.setProperty("problems", batch.problems());
			if (batch.acknowledgement() != null) {
				problem.setProperty("acknowledgement", batch.acknowledgement());
			}
			return ResponseEntity.badRequest().body(problem);
		}
		boolean fresh = batch.orders().stream().anyMatch((receipt) -> !receipt.duplicate());
		return (fresh ? ResponseEntity.accepted() : ResponseEntity.ok()).body(batch);
	}

	@GetMapping("/api/intake/{channel}/submissions/{id}")
	@Operation(summary = "What became of a submission", security = @SecurityRequirement(name = "apiKey"))
	Receipt submission(@PathVariable String channel, @PathVariable UUID id) {
		return this.submissions.find(channel, id).orElseThrow(() -> new NotFound("submission " + id));
	}

	@GetMapping("/api/intake/{channel}/acknowledgements")
	@Operation(summary = "The X12 acknowledgements (997, 855) sent back on this channel, oldest first",
			description = "Signed by the partner: X-Concierge-Timestamp (Unix seconds, within five minutes) and "
					+ "X-Concierge-Hmac-Sha256, the base64 HMAC-SHA256 of the timestamp, a line break and the "
					+ "request's path and query, with the channel's secret. At most 100 after the given time.")
	List<Acknowledgement> acknowledgements(@PathVariable String channel,
			@RequestParam(defaultValue = "1970-01-01T00:00:00Z") Instant after, HttpServletRequest request,
			@Nullable Authentication caller) {
		allowed(channel, request, caller);
		return this.acknowledgements.list(channel, after);
	}

	@GetMapping(path = "/api/intake/{channel}/acknowledgements/{id}", produces = EDI_X12)
	@Operation(summary = "One X12 acknowledgement, as sent", description = "Signed as the list is.")
	String acknowledgement(@PathVariable String channel, @PathVariable UUID id, HttpServletRequest request,
			@Nullable Authentication caller) {
		allowed(channel, request, caller);
		return this.acknowledgements.document(channel, id).orElseThrow(() -> new NotFound("acknowledgement " + id));
	}

	/**
	 * The channel's partner, by the request's signature, or operations.
	 */
	private void allowed(String channel, HttpServletRequest request, @Nullable Authentication caller) {
		if (caller != null
				&& caller.getAuthorities().stream().anyMatch((authority) -> STAFF.contains(authority.getAuthority()))) {
			return;
		}
		String target = request.getRequestURI()
				+ ((request.getQueryString() != null) ? "?" + request.getQueryString() : "");
		if (!this.channels.signedRequest(channel, request.getHeader("X-Concierge-Timestamp"), target,
				request.getHeader("X-Concierge-Hmac-Sha256"))) {
			throw new NotSigned();
		}
	}

	@ExceptionHandler(NotFound.class)
	ProblemDetail notFound(NotFound ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no " + ex.getMessage() + ".");
	}

	/**
	 * Refused, and audited: a wrong signature may be someone trying to pass as a partner.
	 */
	@ExceptionHandler(NotSigned.class)
	ProblemDetail notSigned(NotSigned ex, HttpServletRequest request) {
		this.securityEvents.record(SecurityEvents.Kind.SIGNATURE_REFUSED, "anonymous",
				"intake " + request.getMethod() + " " + request.getRequestURI(), request.getRemoteAddr());
		return ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
				"The signature is missing or does not match the body. Nothing was stored.");
	}

	@ExceptionHandler(MalformedSubmission.class)
	ProblemDetail malformed(MalformedSubmission ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The order cannot be read: " + ex.getMessage() + ". Nothing was stored.");
		if (ex.where() != null) {
			problem.setProperty("where", ex.where());
		}
		return problem;
	}

	@ExceptionHandler(TooLarge.class)
	ProblemDetail tooLarge(TooLarge ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
				"The body is larger than this channel accepts (" + ex.limit + " bytes). Nothing was stored.");
	}

	@ExceptionHandler(Backlogged.class)
	ResponseEntity<ProblemDetail> backlogged(Backlogged ex) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
					"Too many of this channel's orders are waiting. Send it again in " + RETRY_AFTER
							+ " seconds; nothing was stored."));
	}

	static class TooLarge extends RuntimeException {

		final long limit;

		TooLarge(long limit) {
			super("Body over " + limit + " bytes");
			this.limit = limit;
		}

	}

}
