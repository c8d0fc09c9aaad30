package io.concierge.web;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyLimitTests {

	private final ConcurrencyLimit limit = new ConcurrencyLimit(1);

	@Test
	void aReadWaitsForItsPlaceAndAPostDoesNot() throws Exception {
		CountDownLatch inside = new CountDownLatch(1);
		CountDownLatch leave = new CountDownLatch(1);
		Thread first = Thread.ofVirtual().start(() -> run("GET", () -> {
			inside.countDown();
			await(leave);
		}));
		assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

		CountDownLatch secondDone = new CountDownLatch(1);
		Thread.ofVirtual().start(() -> run("GET", secondDone::countDown));
		CountDownLatch postDone = new CountDownLatch(1);
		Thread.ofVirtual().start(() -> run("POST", postDone::countDown));

		assertThat(postDone.await(5, TimeUnit.SECONDS)).as("a post is not held").isTrue();
		assertThat(secondDone.await(300, TimeUnit.MILLISECONDS)).as("the second read waits").isFalse();
		leave.countDown();
		first.join();
		assertThat(secondDone.await(5, TimeUnit.SECONDS)).as("and goes on once the first leaves").isTrue();
	}

	private void run(String method, Runnable work) {
		try {
			this.limit.doFilter(new MockHttpServletRequest(method, "/orders"), new MockHttpServletResponse(),
					(request, response) -> work.run());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
