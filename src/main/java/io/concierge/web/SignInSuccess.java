package io.concierge.web;

import java.io.IOException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.TimeZone;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.i18n.SimpleTimeZoneAwareLocaleContext;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

import io.concierge.identity.AccountView;
import io.concierge.identity.Accounts;
import io.concierge.identity.SecondFactorSignIn;
import io.concierge.identity.SignInDevices;
import io.concierge.shared.EmailAddress;
import io.concierge.shared.LocalPath;

/**
 * After sign-in: the page that was asked for, else the dashboard, in the language and
 * time zone the account chose.
 */
@Component
class SignInSuccess extends SavedRequestAwareAuthenticationSuccessHandler {

	private final Accounts accounts;

	private final SignInDevices devices;

	private final SecondFactorSignIn secondFactor;

	private final PortalLocaleResolver locales;

	SignInSuccess(Accounts accounts, SignInDevices devices, SecondFactorSignIn secondFactor,
			PortalLocaleResolver locales) {
		this.accounts = accounts;
		this.devices = devices;
		this.secondFactor = secondFactor;
		this.locales = locales;
		setDefaultTargetUrl("/dashboard");
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws ServletException, IOException {
		EmailAddress email = EmailAddress.of(authentication.getName());
		this.accounts.findByEmail(email).ifPresent((account) -> applyPreferences(account, request, response));
		this.devices.signedIn(email, request, response);
		String secondStep = this.secondFactor.afterPassword(authentication, request, response);
		if (secondStep != null) {
			// the page first asked for stays in the request cache for after the second
			// factor
			getRedirectStrategy().sendRedirect(request, response, secondStep);
			return;
		}
		super.onAuthenticationSuccess(request, response, authentication);
	}

	/**
	 * A passkey is both factors at once: the account is signed in completely and goes to
	 * {@code returnTo} (a step-up's detour), else to the page first asked for.
	 */
	void passkeySignedIn(EmailAddress email, String returnTo, HttpServletRequest request, HttpServletResponse response)
			throws IOException, ServletException {
		this.accounts.findByEmail(email).ifPresent((account) -> applyPreferences(account, request, response));
		this.devices.signedIn(email, request, response);
		this.secondFactor.completed(email, request, response);
		String local = LocalPath.orEmpty(returnTo);
		if (!local.isEmpty()) {
			getRedirectStrategy().sendRedirect(request, response, local);
			return;
		}
		super.onAuthenticationSuccess(request, response, SecurityContextHolder.getContext().getAuthentication());
	}

	private void applyPreferences(AccountView account, HttpServletRequest request, HttpServletResponse response) {
		if (account.language() == null && account.timeZone() == null) {
			return;
		}
		Locale locale = (account.language() != null) ? PortalLocaleResolver.supported(account.language(), request)
				: this.locales.resolveLocale(request);
		TimeZone zone = (account.timeZone() != null) ? TimeZone.getTimeZone(ZoneId.of(account.timeZone())) : null;
		this.locales.setLocaleContext(request, response, new SimpleTimeZoneAwareLocaleContext(locale, zone));
	}

}
