package io.concierge.identity.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A rate limit was reached; the error page asks the person to wait.
 */
@ResponseStatus(HttpStatus.TOO_MANY_REQUESTS)
class TooManyRequests extends RuntimeException {

	TooManyRequests(String what) {
		super("Rate limit reached: " + what);
	}

}
