package io.concierge.web;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Writes RFC 9457 problem details where no controller is involved: refusals by the
 * security chain and its limits, and errors forwarded to {@code /error} for the API.
 */
@Component
class ProblemResponses {

	private final JsonMapper json;

	ProblemResponses(JsonMapper json) {
		this.json = json;
	}

	static ProblemDetail problem(HttpStatus status, String detail, String path) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		try {
			problem.setInstance(new URI(null, null, path, null));
		}
		catch (URISyntaxException ex) {
			// a path that is no URI at all is left out rather than echoed
		}
		return problem;
	}

	void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		write(response, problem(HttpStatus.UNAUTHORIZED, "Sign in or present valid credentials to use this API.",
				request.getRequestURI()));
	}

	void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		write(response, problem(HttpStatus.FORBIDDEN, "Your account may not do this.", request.getRequestURI()));
	}

	/**
	 * {@code 429} with the whole seconds to wait in {@code Retry-After} (RFC 9110,
	 * 10.2.3), at least one.
	 */
	void tooManyRequests(HttpServletRequest request, HttpServletResponse response, Duration retryAfter, String detail)
			throws IOException {
		long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
		ProblemDetail problem = problem(HttpStatus.TOO_MANY_REQUESTS, detail, request.getRequestURI());
		problem.setProperty("retryAfter", seconds);
		write(response, problem);
	}

	void tooLarge(HttpServletRequest request, HttpServletResponse response, DataSize limit) throws IOException {
		ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE,
				"The request's body is larger than this API takes (" + limit.toBytes() + " bytes). Nothing was done.",
				request.getRequestURI());
		problem.setProperty("limit", limit.toBytes());
		// the rest of the body is not read: the connection cannot carry another request
		response.setHeader(HttpHeaders.CONNECTION, "close");
		write(response, problem);
	}

	private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
