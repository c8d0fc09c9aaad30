package io.concierge.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What one caller of the API may ask of it.
 *
 * @param rateLimit how many requests an API key or OAuth client may make, and how many
 * wrong keys or tokens an address may try
 * @param maxBodySize the largest request body, for every endpoint that sets none of its
 * own (uploads to {@code /api/documents} and the intake channels do)
 */
@ConfigurationProperties("concierge.api")
record ApiSettings(@DefaultValue RateLimit rateLimit, @DefaultValue("1MB") DataSize maxBodySize) {

	/**
	 * Counted in fixed windows in the database, so that every node shares the count.
	 *
	 * @param requests the requests one API key or OAuth client may make in a window
	 * @param window how long a window lasts
	 * @param failures the wrong keys or tokens one network address may present in a
	 * failure window; after that even a right one waits until the window ends
	 * @param failureWindow how long a failure window lasts
	 */
	record RateLimit(@DefaultValue("600") int requests, @DefaultValue("PT1M") Duration window,
			@DefaultValue("20") int failures, @DefaultValue("PT1M") Duration failureWindow) {

	}

}
