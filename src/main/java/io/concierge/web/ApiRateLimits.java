package io.concierge.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import io.concierge.identity.ApiKeys.ApiClient;
import io.concierge.identity.RateLimits;
import io.concierge.identity.RateLimits.Verdict;
import io.concierge.identity.SecurityEvents;

/**
 * The API's limits, counted in the database so that they hold across nodes: requests per
 * API key or OAuth client, and wrong keys, tokens or client secrets per network address.
 * People in their session are not counted, as the portal's pages they use the API from
 * are not.
 */
@Component
@EnableConfigurationProperties(ApiSettings.class)
class ApiRateLimits {

	private final RateLimits limits;

	private final ApiSettings.RateLimit settings;

	private final SecurityEvents audit;

	ApiRateLimits(RateLimits limits, ApiSettings settings, SecurityEvents audit) {
		this.limits = limits;
		this.settings = settings.rateLimit();
		this.audit = audit;
	}

	/**
	 * Counts one request of the client.
	 */
	Verdict request(ApiClient client) {
		return this.limits.acquire("api-client:" + client.id(), this.settings.requests(), this.settings.window());
	}

	/**
	 * Whether the request's address may present credentials now, without counting.
	 */
	Verdict credentials(HttpServletRequest request) {
		return this.limits.check(failures(request), this.settings.failures(), this.settings.failureWindow());
	}

	/**
	 * Counts a wrong key, token or client secret against the request's address, and
	 * audits it.
	 * @param credential what was wrong: {@code api-key}, {@code access-token},
	 * {@code client-secret}
	 * @param actor who it claimed to be, as far as the request says ({@code anonymous})
	 */
	void failed(HttpServletRequest request, String credential, String actor) {
		this.limits.acquire(failures(request), this.settings.failures(), this.settings.failureWindow());
		this.audit.record(SecurityEvents.Kind.CREDENTIALS_REFUSED, actor,
				credential + " at " + RefusalAuditing.target(request), request.getRemoteAddr());
	}

	private static String failures(HttpServletRequest request) {
		return "api-failures:" + request.getRemoteAddr();
	}

}
