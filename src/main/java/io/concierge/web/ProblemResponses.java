package io.concierge.web;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/**
 * Writes RFC 9457 problem details where no controller is involved: refusals by the
 * security chain and errors forwarded to {@code /error} for the API.
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

	private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
