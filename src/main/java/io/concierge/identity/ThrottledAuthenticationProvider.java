package io.concierge.identity;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import io.concierge.shared.EmailAddress;

/**
 * Email and password sign-in behind {@link SignInThrottle}: a locked account or address
 * is refused before its password is checked, with the same answer as a wrong password; a
 * disabled account after it, saying so.
 */
@Component
class ThrottledAuthenticationProvider implements AuthenticationProvider {

	private static final String NOT_AN_EMAIL = "(not an email address)";

	private final DaoAuthenticationProvider passwords;

	private final SignInThrottle throttle;

	private final Accounts accounts;

	private final SingleSignOn singleSignOn;

	ThrottledAuthenticationProvider(AccountUserDetailsService users, PasswordEncoder encoder, SignInThrottle throttle,
			Accounts accounts, SingleSignOn singleSignOn) {
		this.passwords = new DaoAuthenticationProvider(users);
		this.passwords.setPasswordEncoder(encoder);
		this.passwords.setUserDetailsPasswordService(users);
		// a disabled account is refused only after its password proved right, so the
		// answer "disabled" tells a stranger nothing; Spring Security asks before
		this.passwords.setPreAuthenticationChecks((user) -> {
		});
		this.passwords.setPostAuthenticationChecks((user) -> {
			if (!user.isEnabled()) {
				throw new DisabledException("Account disabled");
			}
		});
		this.throttle = throttle;
		this.accounts = accounts;
		this.singleSignOn = singleSignOn;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String email = email(authentication);
		String address = address(authentication);
		if (this.throttle.locked(email, address)) {
			throw new LockedException("Too many failed sign-ins");
		}
		// asked before the password, so the answer tells nothing about whether it was
		// right
		if (!NOT_AN_EMAIL.equals(email) && this.singleSignOn.requiredProvider(EmailAddress.of(email)).isPresent()) {
			throw new SingleSignOnRequired();
		}
		try {
			// the failure count is reset only when the whole sign-in, second factor
			// included, is done
			return this.passwords.authenticate(authentication);
		}
		catch (BadCredentialsException ex) {
			if (this.throttle.failed(email, address)) {
				this.accounts.lockedOut(email, address);
			}
			throw ex;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	private static String email(Authentication authentication) {
		try {
			return EmailAddress.of(authentication.getName()).value();
		}
		catch (IllegalArgumentException ex) {
			return NOT_AN_EMAIL;
		}
	}

	private static String address(Authentication authentication) {
		return (authentication.getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null) ? details.getRemoteAddress() : "unknown";
	}

}
