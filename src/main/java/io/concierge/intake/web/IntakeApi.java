package io.concierge.intake.web;

import java.io.IOException;
import java.net.URI;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

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

	private final Submissions submissions;

	private final IntakeChannels channels;

	IntakeApi(Submissions submissions, IntakeChannels channels) {
		this.submissions = submissions;
		this.channels = channels;
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
			return batch(channel, body, request);
		}
		Receipt receipt = this.submissions.submit(channel, body, request::getHeader);
		URI location = URI.create("/api/intake/" + channel + "/submissions/" + receipt.id());
		return (receipt.duplicate() ? ResponseEntity.ok() : ResponseEntity.accepted()).location(location).body(receipt);
	}

	/**
	 * A CSV batch: 202 with a receipt per order and the rows that could not be read; 400
	 * when not one order could.
	 */
	private ResponseEntity<?> batch(String channel, byte[] body, HttpServletRequest request) {
		BatchReceipt batch = this.submissions.submitBatch(channel, body, request::getHeader);
		if (batch.orders().isEmpty()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"Not one order could be read. Nothing was stored.");
			problem.setProperty("problems", batch.problems());
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

	@ExceptionHandler(NotFound.class)
	ProblemDetail notFound(NotFound ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no " + ex.getMessage() + ".");
	}

	@ExceptionHandler(NotSigned.class)
	ProblemDetail notSigned(NotSigned ex) {
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
