package io.concierge.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

import io.concierge.shared.NotFound;

/**
 * Any module's {@link NotFound} becomes the 404 page, or a problem+json 404 for the API.
 */
@ControllerAdvice
class NotFoundAdvice {

	@ExceptionHandler(NotFound.class)
	void notFound(HttpServletResponse response) throws IOException {
		response.sendError(HttpStatus.NOT_FOUND.value());
	}

}
