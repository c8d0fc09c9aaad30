package io.concierge.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * Languages (English and German, chosen by {@code ?lang=} and remembered in a cookie,
 * else taken from the browser) and how money and instants print in them.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	/** The language cookie is {@code Secure}, and {@code __Host-}, as the session's. */
	private final boolean secureCookies;

	WebConfiguration(@Value("${server.servlet.session.cookie.secure:true}") boolean secureCookies) {
		this.secureCookies = secureCookies;
	}

	@Bean
	PortalLocaleResolver localeResolver() {
		return new PortalLocaleResolver(this.secureCookies);
	}

	/**
	 * Boot turns the resource chain on for the WebJars and with it a filter that passes
	 * every link of every page through the static resource locations, four classpath
	 * lookups per link that find nothing: most of an order list's time. Concierge uses no
	 * versioned resource URLs, so the filter stays off; a WebJar is still found without
	 * its version when it is served.
	 */
	@Bean
	FilterRegistrationBean<ResourceUrlEncodingFilter> linksAsWritten() {
		// Boot's Thymeleaf configuration registers its own only when there is none
		FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(
				new ResourceUrlEncodingFilter());
		registration.setEnabled(false);
		return registration;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new LanguageSwitch(localeResolver()));
	}

	@Override
	public void addFormatters(FormatterRegistry registry) {
		registry.addPrinter(new MoneyPrinter());
		registry.addPrinter(new InstantPrinter());
		registry.addPrinter(new LocalDatePrinter());
	}

	/**
	 * Switches to a supported language named by {@code ?lang=}; anything else is ignored.
	 */
	private record LanguageSwitch(LocaleResolver resolver) implements HandlerInterceptor {

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
			String wanted = request.getParameter("lang");
			if (wanted != null) {
				Locale language = PortalLocaleResolver.supported(wanted, request);
				if (language != null) {
					this.resolver.setLocale(request, response, language);
				}
			}
			return true;
		}

	}

}
