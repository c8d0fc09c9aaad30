package io.concierge.web;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.exc.MismatchedInputException;

import io.concierge.shared.StrictJson;

/**
 * Spring MVC's own exceptions (bad input, unsupported media types, …) as problem+json for
 * every REST controller. Pages are left to the error pages.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	/**
	 * A body that cannot be read says why in words: over the strict reader's limits
	 * ({@link StrictRequestBodies}), a key given twice, content after the JSON value, or
	 * JSON that is not what the API takes.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String reason = reason(ex);
		Object[] arguments = "limits".equals(reason)
				? new Object[] { StrictJson.constraints().getMaxNestingDepth(),
						StrictJson.constraints().getMaxStringLength(), StrictJson.constraints().getMaxNumberLength() }
				: null;
		ProblemDetail body = createProblemDetail(ex, status, "The body could not be read.", "api.body." + reason,
				arguments, request);
		return handleExceptionInternal(ex, body, headers, status, request);
	}

	private static String reason(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof StreamConstraintsException) {
				return "limits";
			}
			String message = (cause.getMessage() != null) ? cause.getMessage() : "";
			if (message.contains("Duplicate Object property")) {
				return "duplicate";
			}
			if (cause instanceof MismatchedInputException && message.contains("Trailing token")) {
				return "trailing";
			}
		}
		return "unreadable";
	}

}
