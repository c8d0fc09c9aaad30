package io.concierge.documents;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for the tests: S3Mock, a Spring Boot application of its own, run as a
 * local process from the jar the build copies to {@code target/s3mock} (it cannot share
 * the tests' classpath). Started once for the test JVM, with one bucket, and stopped with
 * it.
 */
final class S3Server {

	static final String BUCKET = "concierge-documents";

	private static final Path JAR = Path.of("target", "s3mock", "s3mock.jar");

	private static S3Server started;

	private final URI endpoint;

	private S3Server(URI endpoint) {
		this.endpoint = endpoint;
	}

	static synchronized S3Server start() {
		if (started == null) {
			started = launch();
		}
		return started;
	}

	URI endpoint() {
		return this.endpoint;
	}

	DocumentSettings.S3 settings() {
		return new DocumentSettings.S3(BUCKET, this.endpoint, "us-east-1", "test", "test", "documents/", true);
	}

	S3Client client() {
		return DocumentsConfiguration.client(settings());
	}

	private static S3Server launch() {
		if (!Files.isRegularFile(JAR)) {
			throw new IllegalStateException(JAR + " is missing: the build copies it in generate-test-resources");
		}
		try {
			int http = freePort();
			Path root = Files.createTempDirectory("s3mock");
			Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), "--com.adobe.testing.s3mock.http-port=" + http,
					"--server.port=" + freePort(), "--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET,
					"--com.adobe.testing.s3mock.store.root=" + root)
				.redirectErrorStream(true)
				.redirectOutput(new File("target/s3mock.log"))
				.start();
			Runtime.getRuntime().addShutdownHook(new Thread(server::destroyForcibly));
			URI endpoint = URI.create("http://127.0.0.1:" + http);
			HttpClient client = HttpClient.newHttpClient();
			long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
			while (System.nanoTime() < deadline) {
				if (!server.isAlive()) {
					throw new IllegalStateException("S3Mock stopped; see target/s3mock.log");
				}
				try {
					if (client
						.send(HttpRequest.newBuilder(endpoint.resolve("/" + BUCKET)).build(),
								HttpResponse.BodyHandlers.discarding())
						.statusCode() == 200) {
						return new S3Server(endpoint);
					}
				}
				catch (IOException notYet) {
					Thread.sleep(200);
				}
			}
			throw new IllegalStateException("S3Mock did not start within 90 s; see target/s3mock.log");
		}
		catch (IOException ex) {
			throw new IllegalStateException("S3Mock cannot be started", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
