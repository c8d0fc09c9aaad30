package io.concierge.orders;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.concierge.IntegrationTest;
import io.concierge.PortalClient;
import io.concierge.identity.Accounts;
import io.concierge.identity.Callers;
import io.concierge.identity.TestLogins;
import io.concierge.identity.TestLogins.TestLogin;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order page's event stream: a reconnecting browser hears at once of a change it
 * missed, and nobody follows someone else's order.
 */
@IntegrationTest
class OrderLiveTests {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	Callers callers;

	@Autowired
	OrderManagement management;

	@Autowired
	OrderQueries queries;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aBrowserThatReconnectsHearsOfTheChangeItMissed() throws Exception {
		TestLogin customer = TestLogins.customer(this.accounts);
		String number = this.management.place(Orders.of(this.callers.of((Principal) customer::email).account(), null,
				Orders.PLACED, "MUG-01", "Stoneware mug"));
		long version = this.queries.version(number).getAsLong();
		String session = new PortalClient(this.port).signIn(customer.email(), customer.password())
			.cookie("__Host-CONCIERGE_SESSION");

		HttpResponse<Stream<String>> stream = open(number, session, String.valueOf(version - 1));
		assertThat(stream.statusCode()).isEqualTo(200);
		List<String> event = CompletableFuture
			.supplyAsync(() -> stream.body().takeWhile((line) -> !line.startsWith("data:")).toList())
			.get(5, TimeUnit.SECONDS);
		assertThat(event).contains("event:order", "id:" + version);
	}

	@Test
	void nobodyFollowsAnotherCustomersOrder() throws Exception {
		TestLogin owner = TestLogins.customer(this.accounts);
		TestLogin other = TestLogins.customer(this.accounts);
		String number = this.management.place(Orders.of(this.callers.of((Principal) owner::email).account(), null,
				Orders.PLACED, "MUG-01", "Stoneware mug"));
		String session = new PortalClient(this.port).signIn(other.email(), other.password())
			.cookie("__Host-CONCIERGE_SESSION");
		HttpResponse<Stream<String>> stream = open(number, session, null);
		assertThat(stream.statusCode()).isEqualTo(404);
		stream.body().close();
	}

	private HttpResponse<Stream<String>> open(String number, String session, String lastEventId) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/orders/" + number + "/live"))
			.header("Accept", "text/event-stream")
			.header("Cookie", "__Host-CONCIERGE_SESSION=" + session);
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
	}

}
