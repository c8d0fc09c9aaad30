package io.concierge.web;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.IpAddressAuthorizationManager;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.web.util.WebUtils;

import io.concierge.identity.ApiKeys;
import io.concierge.identity.Role;
import io.concierge.identity.SingleSignOnRequired;

/**
 * Two filter chains: the API answers in problem+json and never redirects; the portal
 * signs in with a form. Both send the same strict security headers.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final String[] ROLES = Arrays.stream(Role.values()).map(Role::name).toArray(String[]::new);

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, ProblemResponses problems, ApiKeys keys) {
		http.securityMatcher("/api/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/api/fulfilment/**")
				.hasAuthority("SCOPE_" + ApiKeys.FULFILMENT)
				// a submission is signed with its channel's secret, checked by the intake
				.requestMatchers(HttpMethod.POST, "/api/intake/*")
				.permitAll()
				// so is a tracking service's webhook, checked by the tracking module
				.requestMatchers(HttpMethod.POST, "/api/webhooks/*")
				.permitAll()
				// so is a payment provider's, checked by the billing module
				.requestMatchers(HttpMethod.POST, "/api/payments/webhooks/*")
				.permitAll()
				// so is a partner's request for its acknowledgements, or it comes from
				// staff
				.requestMatchers(HttpMethod.GET, "/api/intake/*/acknowledgements", "/api/intake/*/acknowledgements/*")
				.permitAll()
				.requestMatchers("/api/intake/**")
				.hasAnyAuthority("SCOPE_" + ApiKeys.INTAKE, "ROLE_" + Role.OPERATIONS, "ROLE_" + Role.ADMINISTRATOR)
				// a carrier's reports, in its signed-in session
				.requestMatchers("/api/partner/**")
				.hasRole(Role.PARTNER.name())
				.anyRequest()
				.hasAnyRole(ROLES))
			.addFilterBefore(new ApiKeyAuthentication(keys, problems), BasicAuthenticationFilter.class)
			// a key is sent on purpose, never by a browser on its own, and a request
			// without a session acts for no one: neither needs a CSRF token (the
			// caller gets 401 instead)
			.csrf((csrf) -> csrf.ignoringRequestMatchers(ApiKeyAuthentication.WITH_KEY,
					(request) -> WebUtils.getCookie(request, "CONCIERGE_SESSION") == null,
					PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/payments/webhooks/*")))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems::unauthorized)
				.accessDeniedHandler(problems::forbidden))
			.requestCache((cache) -> cache.disable())
			.headers(SecurityConfiguration::strictHeaders);
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain portal(HttpSecurity http, SignInSuccess signInSuccess, SingleSignOnSuccess singleSignOnSuccess,
			ObjectProvider<ClientRegistrationRepository> providers) {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/", "/login", "/error", "/css/**", "/js/**", "/images/**", "/webjars/**", "/favicon.ico")
			.permitAll()
			.requestMatchers("/login/sso/**", "/login/passkey", "/login/passkey/options")
			.permitAll()
			.requestMatchers("/documents/shared/*", "/notifications/unsubscribe/*")
			.permitAll()
			.requestMatchers("/help", "/help/**")
			.permitAll()
			.requestMatchers("/privacy/receipts/**", "/privacy/verify", "/.well-known/jwks.json")
			.permitAll()
			.requestMatchers("/track", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
			.permitAll()
			.requestMatchers("/register", "/register/**", "/account/verify", "/password/**", "/invitation",
					"/invitation/new-account", "/account/email/confirm")
			.permitAll()
			.requestMatchers("/account/unverified", "/account/unverified/**")
			.authenticated()
			.requestMatchers("/login/second-factor")
			.hasAnyRole(with(Role.PENDING_SECOND_FACTOR))
			.requestMatchers("/account/security", "/account/security/**")
			.hasAnyRole(with(Role.SECOND_FACTOR_REQUIRED))
			.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
			.permitAll()
			.requestMatchers("/actuator/**")
			.access(loopbackOrStaff())
			.requestMatchers("/admin/**")
			.hasRole("ADMINISTRATOR")
			.requestMatchers("/support", "/support/**")
			.hasAnyRole(Role.AGENT.name(), Role.OPERATIONS.name(), Role.ADMINISTRATOR.name())
			.requestMatchers("/operations/changes", "/operations/changes/**")
			.hasAnyRole(Role.AGENT.name(), Role.OPERATIONS.name(), Role.ADMINISTRATOR.name())
			.requestMatchers("/operations/**")
			.hasAnyRole(Role.OPERATIONS.name(), Role.ADMINISTRATOR.name())
			.requestMatchers("/partner", "/partner/**")
			.hasRole(Role.PARTNER.name())
			.anyRequest()
			.hasAnyRole(ROLES))
			.formLogin((form) -> form.loginPage("/login")
				.usernameParameter("email")
				.successHandler(signInSuccess)
				.failureHandler(failures()))
			// htmx swaps what it fetched into the page: a signed-out fetch gets 401,
			// which
			// it leaves alone, rather than the sign-in page inside the header
			.exceptionHandling((exceptions) -> exceptions.accessDeniedHandler(SecurityConfiguration::denied)
				.authenticationEntryPoint(signInFirst()))
			.requestCache((cache) -> cache.requestCache(pagesOnly()))
			.logout((logout) -> logout.logoutSuccessUrl("/login?signed-out").deleteCookies("CONCIERGE_SESSION"))
			.sessionManagement((sessions) -> sessions.sessionFixation((fixation) -> fixation.changeSessionId()))
			.headers(SecurityConfiguration::strictHeaders)
			// mail programs unsubscribe with one POST of their own (RFC 8058), which
			// carries
			// no token; the link's unguessable id is its protection, and it only stops
			// mail
			.csrf((csrf) -> csrf.ignoringRequestMatchers("/notifications/unsubscribe/*"));
		if (providers.getIfAvailable() != null) {
			http.oauth2Login((sso) -> sso.loginPage("/login")
				.successHandler(singleSignOnSuccess)
				.failureUrl("/login?sso=sso.failed"));
		}
		return http.build();
	}

	/**
	 * A wrong password and a locked account get the same answer; an account whose company
	 * signs in elsewhere is sent there.
	 */
	private static AuthenticationFailureHandler failures() {
		ExceptionMappingAuthenticationFailureHandler failures = new ExceptionMappingAuthenticationFailureHandler();
		failures.setDefaultFailureUrl("/login?error");
		failures.setExceptionMappings(Map.of(SingleSignOnRequired.class.getName(), "/login?sso=sso.required"));
		return failures;
	}

	/**
	 * An account in the middle of signing in (address not verified, second factor due or
	 * to be set up) is sent to that step; anyone else gets the 403 page.
	 */
	/**
	 * Sends a signed-out reader to the sign-in page; a piece of a page that htmx fetches
	 * gets {@code 401} instead, which htmx leaves alone.
	 */
	static AuthenticationEntryPoint signInFirst() {
		AuthenticationEntryPoint page = new LoginUrlAuthenticationEntryPoint("/login");
		AuthenticationEntryPoint fragment = new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED);
		return (request, response, ex) -> ((request.getHeader("HX-Request") != null) ? fragment : page)
			.commence(request, response, ex);
	}

	/**
	 * Remembers the page a signed-out reader asked for, to take them there once they have
	 * signed in; never a piece of a page that htmx fetched (the header's bell) or an
	 * event stream, which are no place to land.
	 */
	static RequestCache pagesOnly() {
		HttpSessionRequestCache pages = new HttpSessionRequestCache();
		pages.setRequestMatcher((request) -> {
			String accept = String.valueOf(request.getHeader("Accept"));
			return "GET".equals(request.getMethod()) && request.getHeader("HX-Request") == null
					&& !"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))
					&& !accept.contains("text/event-stream") && !accept.contains("application/json")
					&& !request.getRequestURI().endsWith("favicon.ico");
		});
		return pages;
	}

	private static void denied(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException, ServletException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (has(authentication, Role.UNVERIFIED_AUTHORITY)) {
			response.sendRedirect(request.getContextPath() + "/account/unverified");
		}
		else if (has(authentication, "ROLE_" + Role.PENDING_SECOND_FACTOR)) {
			response.sendRedirect(request.getContextPath() + "/login/second-factor");
		}
		else if (has(authentication, "ROLE_" + Role.SECOND_FACTOR_REQUIRED)) {
			response.sendRedirect(request.getContextPath() + "/account/security");
		}
		else {
			new AccessDeniedHandlerImpl().handle(request, response, ex);
		}
	}

	private static boolean has(Authentication authentication, String authority) {
		return authentication != null && authentication.getAuthorities()
			.stream()
			.anyMatch((granted) -> authority.equals(granted.getAuthority()));
	}

	private static String[] with(String role) {
		String[] roles = Arrays.copyOf(ROLES, ROLES.length + 1);
		roles[ROLES.length] = role;
		return roles;
	}

	/**
	 * Metrics are scraped from the machine itself or read by staff; nobody else sees
	 * them. A request relayed by a proxy on this machine is not "from the machine".
	 */
	private static AuthorizationManager<RequestAuthorizationContext> loopbackOrStaff() {
		AuthorizationManager<RequestAuthorizationContext> notRelayed = (authentication,
				context) -> new AuthorizationDecision(context.getRequest().getHeader("X-Forwarded-For") == null
						&& context.getRequest().getHeader("Forwarded") == null);
		AuthorizationManager<RequestAuthorizationContext> loopback = AuthorizationManagers.anyOf(
				IpAddressAuthorizationManager.hasIpAddress("127.0.0.1"),
				IpAddressAuthorizationManager.hasIpAddress("::1"));
		return AuthorizationManagers.anyOf(AuthorizationManagers.allOf(loopback, notRelayed),
				AuthorityAuthorizationManager.hasAnyRole("OPERATIONS", "ADMINISTRATOR"));
	}

	private static void strictHeaders(HeadersConfigurer<HttpSecurity> headers) {
		headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
			.permissionsPolicyHeader((permissions) -> permissions.policy("camera=(), microphone=(), geolocation=()"));
	}

}
