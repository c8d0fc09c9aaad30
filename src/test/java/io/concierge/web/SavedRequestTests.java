package io.concierge.web;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.savedrequest.RequestCache;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After signing in, a reader lands on the page they asked for, never on a piece of a page
 * that htmx fetched for the header (the bell) or on an event stream.
 */
class SavedRequestTests {

	private final RequestCache cache = SecurityConfiguration.pagesOnly();

	@Test
	void remembersAPage() {
		assertThat(saved(get("/orders/C-1001"))).isTrue();
	}

	@Test
	void forgetsWhatHtmxFetchedAndEventStreams() {
		MockHttpServletRequest bell = get("/notifications/bell");
		bell.addHeader("HX-Request", "true");
		MockHttpServletRequest stream = get("/notifications/live");
		stream.addHeader("Accept", "text/event-stream");
		MockHttpServletRequest form = get("/documents");
		form.setMethod("POST");

		assertThat(saved(bell)).isFalse();
		assertThat(saved(stream)).isFalse();
		assertThat(saved(form)).isFalse();
	}

	private boolean saved(MockHttpServletRequest request) {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.cache.saveRequest(request, response);
		return this.cache.getRequest(request, response) != null;
	}

	private static MockHttpServletRequest get(String path) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.setQueryString("continue");
		return request;
	}

}
