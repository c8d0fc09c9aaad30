package io.concierge.web;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the bodies Spring would read whole: every body sent to the API and every JSON
 * body anywhere, at {@code concierge.api.max-body-size}. One that says it is larger is
 * answered {@code 413} problem+json before it is read; one that does not say (sent in
 * chunks) is read up to one byte more than the limit, and answered the same when it has
 * it. The uploads that set a limit of their own (documents, intake channels, tracking
 * webhooks) are left to it. Runs after the security chain, so that a stranger's body is
 * never read, and the answer carries the security headers.
 */
@Component
class RequestBodyLimit extends OncePerRequestFilter {

	private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

	/** Read by their controllers up to their own limits. */
	private static final List<RequestMatcher> OWN_LIMITS = List.of(PATHS.matcher(HttpMethod.POST, "/api/documents"),
			PATHS.matcher(HttpMethod.POST, "/api/intake/*"), PATHS.matcher(HttpMethod.POST, "/api/webhooks/*"));

	private static final RequestMatcher API = PATHS.matcher("/api/**");

	private final DataSize limit;

	private final ProblemResponses problems;

	RequestBodyLimit(ApiSettings settings, ProblemResponses problems) {
		this.limit = settings.maxBodySize();
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (request.getContentLengthLong() == 0
				|| (request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") == null)) {
			return true;
		}
		if (OWN_LIMITS.stream().anyMatch((own) -> own.matches(request))) {
			return true;
		}
		return !API.matches(request) && !json(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long length = request.getContentLengthLong();
		if (length > this.limit.toBytes()) {
			this.problems.tooLarge(request, response, this.limit);
			return;
		}
		if (length >= 0) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = request.getInputStream().readNBytes((int) Math.min(this.limit.toBytes() + 1, Integer.MAX_VALUE));
		if (body.length > this.limit.toBytes()) {
			this.problems.tooLarge(request, response, this.limit);
			return;
		}
		chain.doFilter(new ReadBody(request, body), response);
	}

	private static boolean json(HttpServletRequest request) {
		try {
			MediaType type = (request.getContentType() != null) ? MediaType.parseMediaType(request.getContentType())
					: null;
			return type != null
					&& (MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json"));
		}
		catch (IllegalArgumentException ex) {
			// an unreadable type is refused by whatever reads the body
			return false;
		}
	}

	/**
	 * The request with the body already read, and now of a known length.
	 */
	private static final class ReadBody extends HttpServletRequestWrapper {

		private final byte[] body;

		private final ByteArrayInputStream bytes;

		ReadBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
			this.bytes = new ByteArrayInputStream(body);
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

		@Override
		public ServletInputStream getInputStream() {
			return new ServletInputStream() {

				@Override
				public int read() {
					return ReadBody.this.bytes.read();
				}

				@Override
				public int read(byte[] into, int offset, int length) {
					return ReadBody.this.bytes.read(into, offset, length);
				}

				@Override
				public boolean isFinished() {
					return ReadBody.this.bytes.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("The body was read already");
				}

			};
		}

		@Override
		public BufferedReader getReader() {
			Charset charset = (getCharacterEncoding() != null) ? Charset.forName(getCharacterEncoding())
					: StandardCharsets.UTF_8;
			return new BufferedReader(new InputStreamReader(this.bytes, charset));
		}

	}

}
