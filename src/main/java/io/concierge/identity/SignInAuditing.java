package io.concierge.identity;

import java.time.Clock;
import java.util.Locale;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns Spring Security's sign-in outcomes into auditable events. They are published in a
 * transaction so that the event publication registry keeps them until the audit trail has
 * them.
 */
@Component
class SignInAuditing {

	private static final int MAX_ACTOR_LENGTH = 254;

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

	private static String actor(Authentication authentication) {
		String name = authentication.getName().strip().toLowerCase(Locale.ROOT);
		return (name.length() > MAX_ACTOR_LENGTH) ? name.substring(0, MAX_ACTOR_LENGTH) : name;
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
