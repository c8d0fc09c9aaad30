package io.concierge.web;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every error ends here. Pages get a page in the app's style, the API gets problem+json;
 * neither says more than the status means. A failure nobody expected is logged here, in
 * full and with the request's id: the servlet container logs it too, but only after the
 * request's id has left the log's context, so its line could not be matched to the
 * request a user reports.
 */
@Controller
class ErrorPages implements ErrorController {

	private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

	@RequestMapping(path = "/error", produces = MediaType.TEXT_HTML_VALUE)
	Object page(HttpServletRequest request, HttpServletResponse response) {
		HttpStatus status = status(request);
		logUnexpected(request, status);
		if (isApi(request)) {
			return problem(request, status);
		}
		response.setStatus(status.value());
		if (databaseDown(request)) {
			response.setHeader(HttpHeaders.RETRY_AFTER, DatabaseOutage.RETRY_AFTER);
			return new ModelAndView("error/page", Map.of("status", status.value(), "kind", "database"), status);
		}
		return new ModelAndView("error/page", Map.of("status", status.value(), "kind", kind(status)), status);
	}

	@RequestMapping("/error")
	ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
		HttpStatus status = status(request);
		logUnexpected(request, status);
		return problem(request, status);
	}

	private static ResponseEntity<ProblemDetail> problem(HttpServletRequest request, HttpStatus status) {
		if (databaseDown(request)) {
			return ResponseEntity.status(status)
				.header(HttpHeaders.RETRY_AFTER, DatabaseOutage.RETRY_AFTER)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(ProblemResponses.problem(status, DatabaseOutage.API_DETAIL, originalPath(request)));
		}
		ProblemDetail problem = ProblemResponses.problem(status, detail(status), originalPath(request));
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	/**
	 * An error that reached this page because the database could not be reached (one
	 * {@link DatabaseOutage} did not see, such as an asynchronous request's).
	 */
	private static boolean databaseDown(HttpServletRequest request) {
		return DatabaseOutage
			.causedBy((request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) ? failure
					: null);
	}

	/**
	 * Which explanation the page gives: one of the keys
	 * {@code error.<kind>.title / .text}.
	 */
	private static String kind(HttpStatus status) {
		return switch (status) {
			case FORBIDDEN -> "403";
			case NOT_FOUND -> "404";
			case TOO_MANY_REQUESTS -> "429";
			default -> status.is5xxServerError() ? "500" : "other";
		};
	}

	private static String detail(HttpStatus status) {
		return switch (status) {
			case NOT_FOUND -> "There is nothing at this address.";
			case FORBIDDEN -> "Your account may not do this.";
			case METHOD_NOT_ALLOWED -> "This address does not accept that method.";
			case TOO_MANY_REQUESTS -> "Too many requests. Please wait a few minutes and try again.";
			default -> status.is5xxServerError() ? "Something went wrong on our side. It has been logged."
					: status.getReasonPhrase() + ".";
		};
	}

	private static boolean isApi(HttpServletRequest request) {
		return originalPath(request).startsWith("/api/");
	}

	static String originalPath(HttpServletRequest request) {
		Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		return (path instanceof String uri) ? uri : request.getRequestURI();
	}

	private static HttpStatus status(HttpServletRequest request) {
		if (databaseDown(request)) {
			return HttpStatus.SERVICE_UNAVAILABLE;
		}
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer value) ? HttpStatus.resolve(value) : null;
		return (status != null) ? status : HttpStatus.INTERNAL_SERVER_ERROR;
	}

	/**
	 * Logs what failed, when it was a failure nobody expected (not a refusal, not the
	 * database being away).
	 */
	private static void logUnexpected(HttpServletRequest request, HttpStatus status) {
		if (status == HttpStatus.INTERNAL_SERVER_ERROR
				&& request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
			log.error("Unexpected failure answering {} {}", request.getMethod(), originalPath(request), failure);
		}
	}

}
