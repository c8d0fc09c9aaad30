package io.concierge.documents;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.concierge.IntegrationTest;
import io.concierge.PortalClient;
import io.concierge.identity.Accounts;
import io.concierge.identity.TestLogins;
import io.concierge.identity.TestLogins.TestLogin;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Programs keep documents with the file as the request's body, and hear why one is
 * refused as problem+json.
 */
@IntegrationTest
class DocumentsApiTests {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Test
	void aFileSentAsTheBodyIsKeptAndListed() throws Exception {
		TestLogin customer = TestLogins.customer(this.accounts);
		PortalClient client = new PortalClient(this.port).signIn(customer.email(), customer.password());

		var created = client.post("/api/documents?name=../../etc/receipt.txt", "application/octet-stream",
				"Receipt: 2 mugs, 25.00 EUR\n".getBytes(StandardCharsets.UTF_8));

		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(created.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).contains("/api/documents/"));
		assertThat(created.body()).contains("\"name\":\"receipt.txt\"").contains("\"contentType\":\"text/plain\"");
		assertThat(client.get("/api/documents", "application/json").body()).contains("receipt.txt");
	}

	@Test
	void aRefusedFileIsAProblemInTheCallersWords() throws Exception {
		TestLogin customer = TestLogins.customer(this.accounts);
		PortalClient client = new PortalClient(this.port).signIn(customer.email(), customer.password());

		var disguised = client.post("/api/documents?name=page.pdf", "application/pdf",
				"%PDF-1.7\n<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
		var empty = client.post("/api/documents", "application/pdf", new byte[0]);
		var tooLarge = client.post("/api/documents?name=big.txt", "text/plain", new byte[10 * 1024 * 1024 + 1]);

		assertThat(disguised.statusCode()).isEqualTo(415);
		assertThat(disguised.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(disguised.body()).contains("also holds web page code");
		assertThat(empty.statusCode()).isEqualTo(422);
		assertThat(empty.body()).contains("The file is empty.");
		assertThat(tooLarge.statusCode()).isEqualTo(413);
		assertThat(client.get("/api/documents", "application/json").body()).contains("\"items\":[]");
	}

	@Test
	void theListComesAPageAtATimeOfAtMostAHundred() {
		TestLogin customer = TestLogins.customer(this.accounts);
		PortalClient client = new PortalClient(this.port).signIn(customer.email(), customer.password());
		for (String name : List.of("first.txt", "second.txt", "third.txt")) {
			assertThat(client.post("/api/documents?name=" + name, "text/plain", name.getBytes(StandardCharsets.UTF_8))
				.statusCode()).isEqualTo(201);
		}

		String first = client.get("/api/documents?size=2", "application/json").body();
		assertThat(JsonPath.<List<String>>read(first, "$.items[*].name")).containsExactly("third.txt", "second.txt");
		String next = JsonPath.read(first, "$.next");
		assertThat(next).isEqualTo("/api/documents?page=1&size=2");
		String last = client.get(next, "application/json").body();
		assertThat(JsonPath.<List<String>>read(last, "$.items[*].name")).containsExactly("first.txt");
		assertThat(JsonPath.<Object>read(last, "$.next")).isNull();

		var tooMany = client.get("/api/documents?size=101", "application/json");
		assertThat(tooMany.statusCode()).isEqualTo(400);
		assertThat(tooMany.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(tooMany.body()).contains("size a number from 1 to 100");
		assertThat(client.get("/api/documents?page=-1", "application/json").statusCode()).isEqualTo(400);
		assertThat(client.get("/api/documents?page=2147483647&size=100", "application/json").body())
			.contains("\"items\":[]");
	}

}
