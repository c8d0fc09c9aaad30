package io.concierge;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * Another node of the application: a JVM of its own with the tests' classpath and
 * settings, on a database the test names, ready to take requests. The fault tests kill it
 * as an operating system would, with SIGKILL.
 *
 * @param log where its output goes, to read when a test fails
 */
public record ChildNode(String name, Process process, int port, Path log) implements AutoCloseable {

	private static final Duration START_UP = Duration.ofSeconds(180);

	/**
	 * Starts a node on this database and waits until it is ready.
	 * @param password the database's password, given in the node's environment rather
	 * than on a command line every user of the machine can read
	 * @param settings more of the node's settings, as {@code --name=value}
	 */
	public static ChildNode start(String name, String database, String password, String... settings)
			throws IOException {
		ChildNode node = launch(name, database, password, settings);
		HttpClient http = HttpClient.newHttpClient();
		try {
			await().atMost(START_UP).pollInterval(Duration.ofMillis(250)).until(() -> {
				if (!node.process().isAlive()) {
					throw new IllegalStateException("The node " + name + " stopped; see " + node.log());
				}
				return node.ready(http);
			});
		}
		catch (RuntimeException ex) {
			node.process().destroyForcibly();
			throw ex;
		}
		return node;
	}

	/**
	 * Starts a node on this database without waiting for it: for a test that watches a
	 * job the node begins while it starts, in the database.
	 */
	public static ChildNode launch(String name, String database, String password, String... settings)
			throws IOException {
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), ConciergeApplication.class.getName(),
				"--spring.datasource.url=" + database, "--spring.datasource.username=postgres", "--server.port=" + port,
				"--concierge.demo.enabled=false", "--concierge.base-url=http://localhost:" + port,
				"--concierge.billing.provider=sandbox", "--concierge.documents.scanning=off"));
		command.addAll(List.of(settings));
		Path log = Path.of("target", name + ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("SPRING_DATASOURCE_PASSWORD", password);
		return new ChildNode(name, builder.start(), port, log);
	}

	public String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	/**
	 * Kills it as a power cut would: no shutdown hook, no finally block runs.
	 */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly().waitFor();
	}

	@Override
	public void close() throws InterruptedException {
		kill();
	}

	private boolean ready(HttpClient http) throws InterruptedException {
		try {
			return http
				.send(HttpRequest.newBuilder(URI.create(url("/actuator/health/readiness"))).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200;
		}
		catch (IOException notYetListening) {
			return false;
		}
	}

	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
