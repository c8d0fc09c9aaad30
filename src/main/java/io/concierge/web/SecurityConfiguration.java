package io.concierge.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.IpAddressAuthorizationManager;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Two filter chains: the API answers in problem+json and never redirects; the portal
 * signs in with a form. Both send the same strict security headers.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, ProblemResponses problems) {
		http.securityMatcher("/api/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems::unauthorized)
				.accessDeniedHandler(problems::forbidden))
			.requestCache((cache) -> cache.disable())
			.headers(SecurityConfiguration::strictHeaders);
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain portal(HttpSecurity http) {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/", "/login", "/error", "/css/**", "/js/**", "/images/**", "/webjars/**", "/favicon.ico")
			.permitAll()
			.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
			.permitAll()
			.requestMatchers("/actuator/**")
			.access(loopbackOrStaff())
			.requestMatchers("/admin/**")
			.hasRole("ADMINISTRATOR")
			.anyRequest()
			.authenticated())
			.formLogin((form) -> form.loginPage("/login")
				.usernameParameter("email")
				.defaultSuccessUrl("/dashboard")
				.failureUrl("/login?error"))
			.logout((logout) -> logout.logoutSuccessUrl("/login?signed-out").deleteCookies("CONCIERGE_SESSION"))
			.sessionManagement((sessions) -> sessions.sessionFixation((fixation) -> fixation.changeSessionId()))
			.headers(SecurityConfiguration::strictHeaders)
			.csrf(Customizer.withDefaults());
		return http.build();
	}

	/**
	 * Metrics are scraped from the machine itself or read by staff; nobody else sees
	 * them.
	 */
	private static AuthorizationManager<RequestAuthorizationContext> loopbackOrStaff() {
		return AuthorizationManagers.anyOf(IpAddressAuthorizationManager.hasIpAddress("127.0.0.1"),
				IpAddressAuthorizationManager.hasIpAddress("::1"),
				AuthorityAuthorizationManager.hasAnyRole("OPERATIONS", "ADMINISTRATOR"));
	}

	private static void strictHeaders(HeadersConfigurer<HttpSecurity> headers) {
		headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
			.permissionsPolicyHeader((permissions) -> permissions.policy("camera=(), microphone=(), geolocation=()"));
	}

}
