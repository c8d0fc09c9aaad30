package io.concierge.web;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A page and an API address that fail as a bug would, for the tests only (it lives under
 * {@code src/test}): what the visitor sees then, and what is logged
 * ({@link HardeningTests}). Hidden from the API description, as it is no part of the API.
 */
@Hidden
@RestController
class UnexpectedFailures {

	static final String SECRET = "the database password is hunter2";

	@GetMapping({ "/test/unexpected-failure", "/api/test/unexpected-failure" })
	String fail() {
		throw new IllegalStateException(SECRET);
	}

}
