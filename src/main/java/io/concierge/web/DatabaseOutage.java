package io.concierge.web;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.View;

/**
 * While PostgreSQL cannot be reached, every request that needs it ends here: a page that
 * says so in the reader's language, or a problem for the API, both 503 with
 * {@code Retry-After}. It sits outside the session and the security chain, whose sessions
 * live in the database too, so it answers without touching either: an error page sent
 * through them would fail again and leave the reader with a bare error or a hang.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class DatabaseOutage extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);

	/** How long a reader or a sender is asked to wait, in seconds. */
	static final String RETRY_AFTER = "30";

	static final String API_DETAIL = "Concierge cannot reach its database for a moment. Nothing was stored and "
			+ "nothing was done; please send it again in a minute.";

	private final ObjectProvider<ThymeleafViewResolver> views;

	private final ObjectProvider<LocaleResolver> locales;

	private final JsonMapper json;

	DatabaseOutage(ObjectProvider<ThymeleafViewResolver> views, ObjectProvider<LocaleResolver> locales,
			JsonMapper json) {
		this.views = views;
		this.locales = locales;
		this.json = json;
	}

	/**
	 * Whether this failure means the database could not be reached: no connection within
	 * the pool's timeout, a connection lost, the server shutting down or starting up.
	 */
	static boolean causedBy(@Nullable Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
					|| cause instanceof SQLTransientConnectionException
					|| cause instanceof SQLNonTransientConnectionException
					|| cause instanceof org.hibernate.exception.JDBCConnectionException) {
				return true;
			}
			// a rollback that failed hides what made it roll back
			if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
					&& causedBy(rollback.getApplicationException())) {
				return true;
			}
			if (cause instanceof SQLException sql && lostConnection(sql)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * SQL states 08 (connection exceptions) and 57P (the server shutting down or starting
	 * up), and the pool's word for a connection it has closed as broken.
	 */
	private static boolean lostConnection(SQLException failure) {
		String state = failure.getSQLState();
		if (state != null) {
			return state.startsWith("08") || state.startsWith("57P");
		}
		return "Connection is closed".equals(failure.getMessage());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			if (!causedBy(ex) || response.isCommitted()) {
				throw ex;
			}
			log.warn("{} {} answered 503: the database cannot be reached ({})", request.getMethod(),
					request.getRequestURI(), rootMessage(ex));
			unavailable(request, response);
		}
	}

	private void unavailable(HttpServletRequest request, HttpServletResponse response)
			throws IOException, ServletException {
		Object requestId = request.getAttribute(RequestIdFilter.MDC_KEY);
		response.reset();
		if (requestId != null) {
			response.setHeader(RequestIdFilter.HEADER, requestId.toString());
		}
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader("X-Content-Type-Options", "nosniff");
		if (request.getRequestURI().startsWith("/api/")) {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			this.json.writeValue(response.getOutputStream(),
					ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, API_DETAIL, request.getRequestURI()));
			return;
		}
		page(request, response);
	}

	/**
	 * The error page, rendered here rather than through {@code /error}: for a reader
	 * nobody knows (the session cannot be read), without a form token (it would start a
	 * session).
	 */
	private void page(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
		response.setHeader("Content-Security-Policy", SecurityConfiguration.CONTENT_SECURITY_POLICY);
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
		request.removeAttribute("_csrf");
		request.removeAttribute(CsrfToken.class.getName());
		LocaleResolver locales = this.locales.getIfAvailable();
		if (locales != null) {
			request.setAttribute(DispatcherServlet.LOCALE_RESOLVER_ATTRIBUTE, locales);
		}
		Locale locale = (locales != null) ? locales.resolveLocale(request) : request.getLocale();
		ThymeleafViewResolver views = this.views.getIfAvailable();
		View view = null;
		try {
			view = (views != null) ? views.resolveViewName("error/page", locale) : null;
		}
		catch (Exception ex) {
			throw new ServletException(ex);
		}
		if (view == null) {
			response.setContentType(MediaType.TEXT_PLAIN_VALUE);
			response.getWriter().write(API_DETAIL);
			return;
		}
		Map<String, Object> model = Map.of("status", HttpStatus.SERVICE_UNAVAILABLE.value(), "kind", "database", "nav",
				LayoutModel.Navigation.NOBODY, "currentPath", LayoutModel.localPath(request.getRequestURI()));
		try {
			view.render(model, request, response);
		}
		catch (Exception ex) {
			throw new ServletException("The page saying the database is unavailable could not be rendered", ex);
		}
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
