package io.concierge.identity;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A session lasts at most 12 hours from its creation, however busy
 * ({@code concierge.sessions.absolute-timeout}), as NIST SP 800-63B asks at AAL2: the
 * idle timeout alone lets a session kept busy (or stolen and kept busy) live for ever.
 * Checked on each request, after Spring Session has found the session and before Spring
 * Security reads who is signed in: an older session is ended, and the request goes on
 * signed out, so a page asks to sign in again.
 */
@Configuration(proxyBeanMethods = false)
class SessionLifetime {

	@Bean
	FilterRegistrationBean<AbsoluteTimeout> absoluteSessionTimeout(
			@Value("${concierge.sessions.absolute-timeout:12h}") Duration lifetime, Clock clock) {
		FilterRegistrationBean<AbsoluteTimeout> registration = new FilterRegistrationBean<>(
				new AbsoluteTimeout(lifetime, clock));
		// after SessionRepositoryFilter, before Spring Security's filter chain
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER + 1);
		return registration;
	}

	static final class AbsoluteTimeout extends OncePerRequestFilter {

		private final Duration lifetime;

		private final Clock clock;

		AbsoluteTimeout(Duration lifetime, Clock clock) {
			this.lifetime = lifetime;
			this.clock = clock;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			HttpSession session = request.getSession(false);
			if (session != null && this.clock.millis() - session.getCreationTime() > this.lifetime.toMillis()) {
				session.invalidate();
			}
			chain.doFilter(request, response);
		}

	}

}
