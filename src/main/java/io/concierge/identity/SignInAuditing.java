package io.concierge.identity;

import java.time.Clock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.shared.EmailAddress;

/**
 * Turns Spring Security's sign-in outcomes into auditable events. They are published in a
 * transaction so that the event publication registry keeps them until the audit trail has
 * them.
 */
@Component
class SignInAuditing {

	static final String NOT_AN_EMAIL_ADDRESS = "(not an email address)";

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SignInAuditing(ApplicationEventPublisher events, Clock clock) {
		this.events = events;
		this.clock = clock;
	}

	@EventListener
	@Transactional
	void on(AuthenticationSuccessEvent success) {
		Authentication authentication = success.getAuthentication();
		this.events
			.publishEvent(new SignInSucceeded(authentication.getName(), origin(authentication), this.clock.instant()));
	}

	@EventListener
	@Transactional
	void on(AbstractAuthenticationFailureEvent failure) {
		Authentication authentication = failure.getAuthentication();
		this.events.publishEvent(
				new SignInFailed(actor(authentication), reason(failure), origin(authentication), this.clock.instant()));
	}

	/**
	 * People type passwords into the email field: what is not an email address is not
	 * kept.
	 */
	private static String actor(Authentication authentication) {
		try {
			return EmailAddress.of(authentication.getName()).value();
		}
		catch (IllegalArgumentException ex) {
			return NOT_AN_EMAIL_ADDRESS;
		}
	}

	private static String reason(AbstractAuthenticationFailureEvent failure) {
		if (failure instanceof AuthenticationFailureBadCredentialsEvent) {
			return "bad-credentials";
		}
		return failure.getClass().getSimpleName().replace("AuthenticationFailure", "").replace("Event", "");
	}

	private static String origin(Authentication authentication) {
		if (authentication.getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null) {
			return details.getRemoteAddress();
		}
		return "unknown";
	}

}
