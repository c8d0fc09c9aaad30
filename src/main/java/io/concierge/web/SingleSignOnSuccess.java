package io.concierge.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

import io.concierge.identity.SecondFactorSignIn;
import io.concierge.identity.SignInDevices;
import io.concierge.identity.SingleSignOn;
import io.concierge.identity.SingleSignOn.ExternalUser;
import io.concierge.identity.SingleSignOn.Outcome;

/**
 * After an OpenID Connect provider signed someone in: they continue as their Concierge
 * account (a code is still asked for when the account has an authenticator or must have
 * one, unless the provider is the one its company makes it use and its ID token says it
 * asked for more than one factor), confirm a link to an existing one, or are told why
 * not.
 */
@Component
class SingleSignOnSuccess extends SavedRequestAwareAuthenticationSuccessHandler {

	static final String PENDING_LINK = "concierge.sso.pendingLink";

	private final SingleSignOn singleSignOn;

	private final SecondFactorSignIn signIn;

	private final SignInDevices devices;

	private final List<String> trustedEmailProviders;

	SingleSignOnSuccess(SingleSignOn singleSignOn, SecondFactorSignIn signIn, SignInDevices devices,
			@Value("${concierge.identity.sso.trusted-email-providers:}") List<String> trustedEmailProviders) {
		this.singleSignOn = singleSignOn;
		this.signIn = signIn;
		this.devices = devices;
		this.trustedEmailProviders = trustedEmailProviders;
		setDefaultTargetUrl("/dashboard");
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws ServletException, IOException {
		OAuth2AuthenticationToken token = (OAuth2AuthenticationToken) authentication;
		OidcUser user = (OidcUser) token.getPrincipal();
		String provider = token.getAuthorizedClientRegistrationId();
		boolean vouched = Boolean.TRUE.equals(user.getEmailVerified()) || this.trustedEmailProviders.contains(provider);
		ExternalUser external = new ExternalUser(provider, user.getSubject(), user.getEmail(), vouched,
				user.getFullName(),
				this.singleSignOn.saysMultiFactor(user.getAuthenticationMethods(), authenticationContext(user)));
		continueWith(this.singleSignOn.signedIn(external, request.getRemoteAddr()), external, request, response);
	}

	private static @Nullable String authenticationContext(OidcUser user) {
		Object acr = user.getClaims().get("acr");
		return (acr != null) ? acr.toString() : null;
	}

	void continueWith(Outcome outcome, ExternalUser external, HttpServletRequest request, HttpServletResponse response)
			throws IOException, ServletException {
		if (outcome.account() != null) {
			this.devices.signedIn(outcome.account(), request, response);
			String step = this.signIn.afterProvider(outcome.account(),
					this.singleSignOn.standsInForSecondFactor(outcome.account(), external), request, response);
			if (step != null) {
				getRedirectStrategy().sendRedirect(request, response, step);
				return;
			}
			this.signIn.completed(outcome.account(), request, response);
			super.onAuthenticationSuccess(request, response, SecurityContextHolder.getContext().getAuthentication());
			return;
		}
		SecurityContextHolder.clearContext();
		request.getSession().removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
		if (outcome.linkable() != null) {
			request.getSession().setAttribute(PENDING_LINK, external);
			getRedirectStrategy().sendRedirect(request, response, "/login/sso/link");
			return;
		}
		getRedirectStrategy().sendRedirect(request, response, "/login?sso=" + outcome.refused());
	}

}
