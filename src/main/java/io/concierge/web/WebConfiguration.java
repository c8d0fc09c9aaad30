package io.concierge.web;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * Languages (English and German, chosen by {@code ?lang=} and remembered in a cookie,
 * else taken from the browser) and how money and instants print in them.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.GERMAN);

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("CONCIERGE_LANG");
		resolver.setCookieMaxAge(Duration.ofDays(365));
		resolver.setCookieSameSite("Lax");
		resolver.setCookieHttpOnly(true);
		resolver.setDefaultLocaleFunction(WebConfiguration::browserLanguage);
		return resolver;
	}

	private static Locale browserLanguage(HttpServletRequest request) {
		for (Locale wanted : Collections.list(request.getLocales())) {
			for (Locale language : LANGUAGES) {
				if (language.getLanguage().equals(wanted.getLanguage())) {
					return language;
				}
			}
		}
		return Locale.ENGLISH;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new LanguageSwitch(localeResolver()));
	}

	@Override
	public void addFormatters(FormatterRegistry registry) {
		registry.addPrinter(new MoneyPrinter());
		registry.addPrinter(new InstantPrinter());
	}

	/**
	 * Switches to a supported language named by {@code ?lang=}; anything else is ignored.
	 */
	private record LanguageSwitch(LocaleResolver resolver) implements HandlerInterceptor {

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
			String wanted = request.getParameter("lang");
			if (wanted != null) {
				LANGUAGES.stream()
					.filter((language) -> language.getLanguage().equals(wanted))
					.findFirst()
					.ifPresent((language) -> this.resolver.setLocale(request, response, language));
			}
			return true;
		}

	}

}
