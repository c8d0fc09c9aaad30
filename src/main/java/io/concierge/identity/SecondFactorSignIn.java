package io.concierge.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseCookie;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.util.WebUtils;

import io.concierge.shared.CookieNames;
import io.concierge.shared.EmailAddress;

/**
 * The second step of signing in. After the password an account with an authenticator or a
 * passkey holds only {@link Role#PENDING_SECOND_FACTOR} until it gives its code or
 * passkey (unless this browser is trusted); one that must have a second factor but has
 * none holds only {@link Role#SECOND_FACTOR_REQUIRED} until it sets one up. When the
 * factor is done the account gets its role, a new session id and the time of the factor,
 * which {@link StepUp} reads.
 */
@Component
public class SecondFactorSignIn {

	public static final String TRUST_COOKIE = CookieNames.HOST_PREFIX + "CONCIERGE_TRUST";

	static final String SECOND_FACTOR_AT = "concierge.secondFactorAt";

	private final SecondFactors factors;

	private final AccountUserDetailsService users;

	private final SignInThrottle throttle;

	private final Accounts accounts;

	private final Clock clock;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	SecondFactorSignIn(SecondFactors factors, AccountUserDetailsService users, SignInThrottle throttle,
			Accounts accounts, Clock clock) {
		this.factors = factors;
		this.users = users;
		this.throttle = throttle;
		this.accounts = accounts;
		this.clock = clock;
	}

	/**
	 * Decides, right after the password, whether a second step is due.
	 * @return where to send the browser for it, or null to go on
	 */
	public @Nullable String afterPassword(Authentication authentication, HttpServletRequest request,
			HttpServletResponse response) {
		EmailAddress email = EmailAddress.of(authentication.getName());
		boolean verified = authentication.getAuthorities()
			.stream()
			.noneMatch((authority) -> Role.UNVERIFIED_AUTHORITY.equals(authority.getAuthority()));
		if (!verified) {
			this.throttle.succeeded(email.value());
			return null;
		}
		if (this.factors.hasAny(email)) {
			// or by the name it had before its prefix: a trusted browser stays trusted
			// after the upgrade (the value is a secret either way)
			Cookie trust = Optional.ofNullable(WebUtils.getCookie(request, TRUST_COOKIE))
				.orElseGet(() -> WebUtils.getCookie(request, "CONCIERGE_TRUST"));
			if (trust != null && this.factors.trusted(email, trust.getValue())) {
				this.throttle.succeeded(email.value());
				return null;
			}
			hold(authentication, "ROLE_" + Role.PENDING_SECOND_FACTOR, request, response);
			return "/login/second-factor";
		}
		if (this.factors.required(email)) {
			hold(authentication, "ROLE_" + Role.SECOND_FACTOR_REQUIRED, request, response);
			// it proved itself a moment ago and may do nothing but set up a factor
			request.getSession().setAttribute(StepUp.REAUTHENTICATED_AT, this.clock.instant());
			return "/account/security";
		}
		this.throttle.succeeded(email.value());
		return null;
	}

	/**
	 * Decides, after an OpenID Connect provider signed the account in, whether a code is
	 * still due: the provider stands in for the second factor only when it is the one the
	 * account's company makes it use and said it asked for more than one factor
	 * ({@link SingleSignOn#standsInForSecondFactor}).
	 * @return where to send the browser for it, or null to go on
	 */
	public @Nullable String afterProvider(EmailAddress email, boolean providerIsCompanys, HttpServletRequest request,
			HttpServletResponse response) {
		// the provider asked who it is a moment ago: that counts as giving the password
		// again, which an account made by single sign-on has none of
		request.getSession().setAttribute(StepUp.REAUTHENTICATED_AT, this.clock.instant());
		if (providerIsCompanys) {
			return null;
		}
		UserDetails user = this.users.loadUserByUsername(email.value());
		Authentication signedIn = UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
		request.changeSessionId();
		return afterPassword(signedIn, request, response);
	}

	/**
	 * The second factor was given: the account gets its role and a fresh session id.
	 */
	public void completed(EmailAddress email, HttpServletRequest request, HttpServletResponse response) {
		UserDetails user = this.users.loadUserByUsername(email.value());
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
		SecurityContextHolder.setContext(context);
		request.changeSessionId();
		request.getSession().setAttribute(SECOND_FACTOR_AT, this.clock.instant());
		this.contexts.saveContext(context, request, response);
		this.throttle.succeeded(email.value());
	}

	/**
	 * Whether the account or address is locked now: a code is then not even looked at.
	 */
	public boolean locked(EmailAddress email, String address) {
		return this.throttle.locked(email.value(), address);
	}

	/**
	 * A wrong code counts like a wrong password.
	 * @return true when the account or address is now locked (the caller signs the
	 * session out)
	 */
	public boolean failed(EmailAddress email, String address) {
		boolean locked = this.throttle.failed(email.value(), address);
		if (locked) {
			this.accounts.lockedOut(email.value(), address);
		}
		return locked || this.throttle.locked(email.value(), address);
	}

	/**
	 * Remembers this browser for 30 days so it skips the second factor.
	 */
	public void trustThisBrowser(EmailAddress email, HttpServletRequest request, HttpServletResponse response) {
		String token = this.factors.trustDevice(email, DeviceDescription.of(request.getHeader("User-Agent")));
		response.addHeader("Set-Cookie",
				ResponseCookie.from(TRUST_COOKIE, token)
					.path("/")
					.httpOnly(true)
					.secure(true)
					.sameSite("Lax")
					.maxAge(SecondFactors.TRUST)
					.build()
					.toString());
	}

	static @Nullable Instant secondFactorAt(@Nullable HttpSession session) {
		return (session != null && session.getAttribute(SECOND_FACTOR_AT) instanceof Instant at) ? at : null;
	}

	static boolean recent(@Nullable Instant at, Instant now, Duration within) {
		return at != null && !at.plus(within).isBefore(now);
	}

	private void hold(Authentication authentication, String authority, HttpServletRequest request,
			HttpServletResponse response) {
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(authentication.getPrincipal(), null,
				List.of(new SimpleGrantedAuthority(authority))));
		SecurityContextHolder.setContext(context);
		this.contexts.saveContext(context, request, response);
	}

}
