package io.concierge.identity;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

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

	/**
	 * When the account last proved itself again without a second factor: its password on
	 * the confirmation page, or the sign-in that must go on to set up a factor.
	 */
	static final String REAUTHENTICATED_AT = "concierge.reauthenticatedAt";

	private final SecondFactors factors;

	private final AccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final SignInThrottle throttle;

	private final Accounts lockouts;

	private final Clock clock;

	StepUp(SecondFactors factors, AccountRepository accounts, PasswordEncoder passwordEncoder, SignInThrottle throttle,
			Accounts lockouts, Clock clock) {
		this.factors = factors;
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.throttle = throttle;
		this.lockouts = lockouts;
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
	 * Re-authentication before what changes how the account signs in or who is signed in
	 * to it (setting up the first second factor or passkey, ending sessions): a factor
	 * within the last ten minutes when the account has one, else its password given again
	 * within the last ten minutes, so a stolen session cannot lock its owner out. The
	 * sign-in of an account that must set up a factor before anything else counts, as its
	 * password was given a moment ago and the session can do nothing else.
	 * @param returnTo the page to come back to afterwards (a path of this site)
	 * @throws StepUpRequired when the second factor must be given again first
	 * @throws PasswordRequired when the password must be given again first
	 */
	public void requireReauthentication(Principal principal, HttpServletRequest request, String returnTo) {
		if (this.factors.hasAny(EmailAddress.of(principal.getName()))) {
			require(principal, request, returnTo);
			return;
		}
		HttpSession session = request.getSession(false);
		Instant at = (session != null && session.getAttribute(REAUTHENTICATED_AT) instanceof Instant given) ? given
				: null;
		if (!SecondFactorSignIn.recent(at, this.clock.instant(), WITHIN)) {
			throw new PasswordRequired(returnTo);
		}
	}

	/**
	 * Checks the password given again; wrong ones count toward the account's lockout, as
	 * at sign-in.
	 * @return whether it was right
	 */
	@Transactional
	public boolean confirmPassword(Principal principal, String password, HttpServletRequest request) {
		String email = EmailAddress.of(principal.getName()).value();
		String address = request.getRemoteAddr();
		if (this.throttle.locked(email, address)) {
			return false;
		}
		boolean right = this.accounts.findByEmail(email)
			.map((account) -> this.passwordEncoder.matches(password, account.passwordHash()))
			.orElse(false);
		if (!right) {
			if (this.throttle.failed(email, address)) {
				this.lockouts.lockedOut(email, address);
			}
			return false;
		}
		request.getSession().setAttribute(REAUTHENTICATED_AT, this.clock.instant());
		return true;
	}

	/**
	 * The action needs the password given again; {@link #returnTo()} is where to come
	 * back to.
	 */
	public static class PasswordRequired extends RuntimeException {

		private final String returnTo;

		public PasswordRequired(String returnTo) {
			super("The password is needed again");
			this.returnTo = returnTo;
		}

		public String returnTo() {
			return this.returnTo;
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
