package io.concierge.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

import io.concierge.shared.NotFound;

/**
 * Any module's {@link NotFound} becomes the 404 page, or a problem+json 404 for the API;
 * audited, as it answers alike what does not exist and what is someone else's, so a
 * series of them may be someone trying ids.
 */
@ControllerAdvice
class NotFoundAdvice {

	private final RefusalAuditing refusals;

	NotFoundAdvice(RefusalAuditing refusals) {
		this.refusals = refusals;
	}

	@ExceptionHandler(NotFound.class)
	void notFound(NotFound ex, HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.refusals.notFound(request, ex.getMessage());
		response.sendError(HttpStatus.NOT_FOUND.value());
	}

}
