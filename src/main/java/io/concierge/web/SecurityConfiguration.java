package io.concierge.web;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.IpAddressAuthorizationManager;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.WebUtils;

import io.concierge.identity.ApiClients;
import io.concierge.identity.ApiKeys;
import io.concierge.identity.Role;
import io.concierge.identity.SessionCookie;
import io.concierge.identity.SingleSignOnRequired;

/**
 * Two filter chains: the API answers in problem+json and never redirects; the portal
 * signs in with a form. Both send the same strict security headers.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final String[] ROLES = Arrays.stream(Role.values()).map(Role::name).toArray(String[]::new);

	/**
	 * Everything from the portal itself, nothing inline; no page uses {@code <base>}, so
	 * none may be set.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	/**
	 * A year, subdomains included. Sent on every response: browsers heed it only when it
	 * came over HTTPS (RFC 6797, 8.1), and behind a proxy that ends TLS every request
	 * looks like plain HTTP to Concierge, so waiting for one it sees as secure would
	 * never send it. On the demo's {@code http://localhost} browsers ignore it.
	 */
	static final long STRICT_TRANSPORT_SECONDS = 31_536_000;

	/**
	 * The OAuth 2.0 authorization server's endpoints: systems get tokens at
	 * {@code POST /oauth2/token} by the {@code client_credentials} grant, authenticating
	 * with their client id and secret. The endpoints of the flows that involve a person
	 * (authorization code, device) are left out: no client may use them, and a request to
	 * them naming a client without a redirect address failed inside the server with a
	 * 500. They are no address of Concierge's now.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain authorizationServer(HttpSecurity http, ProblemResponses problems, ApiRateLimits limits) {
		OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		RequestMatcher personFlows = new OrRequestMatcher(paths.matcher("/oauth2/authorize"),
				paths.matcher("/oauth2/device_authorization"), paths.matcher("/oauth2/device_verification"));
		http.securityMatcher(
				new AndRequestMatcher(server.getEndpointsMatcher(), new NegatedRequestMatcher(personFlows)))
			.with(server,
					(endpoints) -> endpoints
						.clientAuthentication((clients) -> clients.errorResponseHandler(countedClientFailure(limits))))
			.addFilterAfter(new WrongCredentialsThrottle(AnyRequestMatcher.INSTANCE, limits, problems),
					HeaderWriterFilter.class)
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.csrf((csrf) -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems::unauthorized))
			.requestCache((cache) -> cache.disable())
			.headers(SecurityConfiguration::strictHeaders);
		return http.build();
	}

	/**
	 * A client that failed to authenticate at the token endpoint is answered as the
	 * authorization server would ({@code 401} for a wrong secret, the error code alone),
	 * and counted against its address.
	 */
	private static AuthenticationFailureHandler countedClientFailure(ApiRateLimits limits) {
		OAuth2ErrorHttpMessageConverter errors = new OAuth2ErrorHttpMessageConverter();
		return (request, response, ex) -> {
			limits.failed(request, "client-secret", RefusalAuditing.claimedClient(request));
			SecurityContextHolder.clearContext();
			OAuth2Error error = (ex instanceof OAuth2AuthenticationException oauth) ? oauth.getError()
					: new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT);
			ServletServerHttpResponse answer = new ServletServerHttpResponse(response);
			answer.setStatusCode(OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode()) ? HttpStatus.UNAUTHORIZED
					: HttpStatus.BAD_REQUEST);
			errors.write(new OAuth2Error(error.getErrorCode()), null, answer);
		};
	}

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, ProblemResponses problems, ApiKeys keys, ApiClients clients,
			ApiRateLimits limits, SessionCookie sessionCookie, RefusalAuditing refusals) {
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
				// a partner's people in their session, or the partner's systems with a
				// key or token of the partner scope; which partner is the controllers'
				// to find out (one made for none is refused there)
				.requestMatchers("/api/partner/**")
				.hasAnyAuthority("ROLE_" + Role.PARTNER, "SCOPE_" + ApiKeys.PARTNER)
				.anyRequest()
				.hasAnyRole(ROLES))
			// an address that tried too many wrong keys or tokens waits before its next
			// is looked at; each key or client may make so many requests a minute
			.addFilterAfter(new WrongCredentialsThrottle(WITH_CREDENTIALS, limits, problems), HeaderWriterFilter.class)
			.addFilterBefore(new ApiKeyAuthentication(keys, problems, limits), BasicAuthenticationFilter.class)
			.addFilterBefore(new ClientRateLimit(limits, problems), AuthorizationFilter.class)
			// a token from /oauth2/token; API keys (ck_…) are read by the filter above
			.oauth2ResourceServer((server) -> server.bearerTokenResolver(tokensButNotKeys())
				.jwt((jwt) -> jwt.jwtAuthenticationConverter(asApiClient(clients)))
				.authenticationEntryPoint((request, response, ex) -> {
					if (WITH_CREDENTIALS.matches(request)) {
						limits.failed(request, "access-token", "anonymous");
					}
					problems.unauthorized(request, response, ex);
				}))
			// a key is sent on purpose, never by a browser on its own, and a request
			// without a session acts for no one: neither needs a CSRF token (the
			// caller gets 401 instead)
			.csrf((csrf) -> csrf.ignoringRequestMatchers(ApiKeyAuthentication.WITH_KEY, WITH_TOKEN,
					(request) -> WebUtils.getCookie(request, sessionCookie.name()) == null,
					PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/payments/webhooks/*")))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems::unauthorized)
				.accessDeniedHandler((request, response, ex) -> {
					refusals.denied(request);
					problems.forbidden(request, response, ex);
				}))
			.requestCache((cache) -> cache.disable())
			.headers(SecurityConfiguration::strictHeaders);
		return http.build();
	}

	/** Requests that carry a bearer token: a browser never adds this header by itself. */
	private static final RequestMatcher WITH_TOKEN = (request) -> {
		String header = request.getHeader("Authorization");
		return header != null && header.startsWith("Bearer ");
	};

	/** Requests that present an API key or a token. */
	private static final RequestMatcher WITH_CREDENTIALS = (request) -> request.getHeader("Authorization") != null;

	private static BearerTokenResolver tokensButNotKeys() {
		DefaultBearerTokenResolver tokens = new DefaultBearerTokenResolver();
		return (request) -> ApiKeyAuthentication.WITH_KEY.matches(request) ? null : tokens.resolve(request);
	}

	/**
	 * A token's caller as the API knows its callers: the client (as an API key's), with
	 * one {@code SCOPE_} authority per scope; refused when the client was revoked since.
	 */
	private static Converter<Jwt, AbstractAuthenticationToken> asApiClient(ApiClients clients) {
		return (jwt) -> {
			List<String> scopes = Optional.ofNullable(jwt.getClaimAsStringList("scope")).orElse(List.of());
			ApiKeys.ApiClient client = clients.authenticate(jwt.getSubject(), Set.copyOf(scopes))
				.orElseThrow(() -> new InvalidBearerTokenException("The client of this token was revoked"));
			return new PreAuthenticatedAuthenticationToken(client, jwt,
					scopes.stream().map((scope) -> new SimpleGrantedAuthority("SCOPE_" + scope)).toList());
		};
	}

	@Bean
	@Order(2)
	SecurityFilterChain portal(HttpSecurity http, SignInSuccess signInSuccess, SingleSignOnSuccess singleSignOnSuccess,
			ObjectProvider<ClientRegistrationRepository> providers, SessionCookie sessionCookie,
			RefusalAuditing refusals) {
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
			.requestMatchers("/account/security", "/account/security/**", "/account/confirm-password")
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
			.exceptionHandling((exceptions) -> exceptions
				.accessDeniedHandler((request, response, ex) -> denied(request, response, ex, refusals))
				.authenticationEntryPoint(signInFirst()))
			.requestCache((cache) -> cache.requestCache(pagesOnly()))
			.logout((logout) -> logout.logoutSuccessUrl("/login?signed-out").deleteCookies(sessionCookie.name()))
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
	 * signs in elsewhere is sent there; a disabled account (after the right password) is
	 * told so.
	 */
	private static AuthenticationFailureHandler failures() {
		ExceptionMappingAuthenticationFailureHandler failures = new ExceptionMappingAuthenticationFailureHandler();
		failures.setDefaultFailureUrl("/login?error");
		failures.setExceptionMappings(Map.of(SingleSignOnRequired.class.getName(), "/login?sso=sso.required",
				DisabledException.class.getName(), "/login?disabled"));
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

	private static void denied(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex,
			RefusalAuditing refusals) throws IOException, ServletException {
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
			refusals.denied(request);
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
			.permissionsPolicyHeader((permissions) -> permissions.policy("camera=(), microphone=(), geolocation=()"))
			// a page another site opened cannot reach back into it, nor it into ours
			.crossOriginOpenerPolicy((opener) -> opener.policy(CrossOriginOpenerPolicy.SAME_ORIGIN))
			.httpStrictTransportSecurity((hsts) -> hsts.requestMatcher(AnyRequestMatcher.INSTANCE)
				.maxAgeInSeconds(STRICT_TRANSPORT_SECONDS)
				.includeSubDomains(true));
	}

}
