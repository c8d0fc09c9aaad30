package io.concierge.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.concierge.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code X-Forwarded-For} is taken only from a trusted proxy (Tomcat's remote IP valve,
 * {@code server.tomcat.remoteip.internal-proxies}; in the tests {@code 127.0.0.2}, by
 * default none): from any other peer it is ignored and the request stays its peer's. Seen
 * through the metrics, which only the machine itself may read unrelayed.
 */
@IntegrationTest
class ForwardedAddressTests {

	@LocalServerPort
	int port;

	@Test
	void aForwardedAddressIsTakenOnlyFromATrustedProxy() throws IOException {
		assertThat(metrics("127.0.0.1", null)).as("the machine itself").isEqualTo(200);
		assertThat(metrics("127.0.0.1", "127.0.0.1")).as("a peer that is no trusted proxy: the header is not taken")
			.isEqualTo(302);
		assertThat(metrics("127.0.0.1", "203.0.113.9")).isEqualTo(302);

		assertThat(metrics("127.0.0.2", "203.0.113.9")).as("the trusted proxy relays a client from outside")
			.isEqualTo(302);
		assertThat(metrics("127.0.0.2", "127.0.0.1")).as("the trusted proxy relays the machine itself").isEqualTo(200);
		assertThat(metrics("127.0.0.2", "127.0.0.1, 203.0.113.9"))
			.as("the address nearest the proxy counts, not one the client wrote before it")
			.isEqualTo(302);
	}

	/**
	 * Asks for the metrics over a connection from the given local address.
	 * @return the status code
	 */
	private int metrics(String from, @Nullable String forwardedFor) throws IOException {
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(from, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 10_000);
			socket.setSoTimeout(30_000);
			String request = "GET /actuator/prometheus HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
					+ ((forwardedFor != null) ? "X-Forwarded-For: " + forwardedFor + "\r\n" : "") + "\r\n";
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder statusLine = new StringBuilder();
			for (int next = in.read(); next != -1 && next != '\n'; next = in.read()) {
				statusLine.append((char) next);
			}
			return Integer.parseInt(statusLine.toString().split(" ")[1]);
		}
	}

}
