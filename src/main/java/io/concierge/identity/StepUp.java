package io.concierge.identity;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

import io.concierge.shared.EmailAddress;

/**
 * Step-up for sensitive actions (changing the password or the second factor, the shipping
 * address, payout details, downloading identity documents): an account with a second
 * factor must have given it within the last ten minutes. Any module's controller calls
 * {@link #require}; the identity module turns the refusal into a detour through the code
 * page and back.
 */
@Component
public class StepUp {

	static final Duration WITHIN = Duration.ofMinutes(10);

	private final SecondFactors factors;

	private final Clock clock;

	StepUp(SecondFactors factors, Clock clock) {
		this.factors = factors;
		this.clock = clock;
	}

	/**
	 * @param returnTo the page to come back to afterwards (a path of this site)
	 * @throws StepUpRequired when the second factor must be given again first
	 */
	public void require(Principal principal, HttpServletRequest request, String returnTo) {
		if (this.factors.hasAny(EmailAddress.of(principal.getName())) && !SecondFactorSignIn
			.recent(SecondFactorSignIn.secondFactorAt(request.getSession(false)), this.clock.instant(), WITHIN)) {
			throw new StepUpRequired(returnTo);
		}
	}

	/**
	 * The action needs a fresh second factor; {@link #returnTo()} is where to come back
	 * to.
	 */
	public static class StepUpRequired extends RuntimeException {

		private final String returnTo;

		public StepUpRequired(String returnTo) {
			super("A fresh second factor is needed");
			this.returnTo = returnTo;
		}

		public String returnTo() {
			return this.returnTo;
		}

	}

}
