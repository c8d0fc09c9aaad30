import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Concierge's own load tool for the order page's event stream: opens CONNECTIONS streams
 * (GET /orders/{number}/live with the signed-in customer's session cookie), spread over
 * the ORDERS given, on plain blocking sockets, one virtual thread each, at most 100
 * opening at a time. Holds them, then posts EVENTS fulfilment events, one every
 * INTERVAL_MS, each to the next order in turn (alternately ON_HOLD and DELAYED, so each
 * moves the order), and measures for each open stream of that order the delay from the
 * start of the post to the moment the stream delivers the matching {@code order} event.
 *
 * Prints one line of name=value figures on stdout (progress on stderr). With the
 * server's process id it also reads the server's RSS and threads while the streams are
 * held.
 *
 * java bench/SseLoad.java http://localhost:8098 SESSION ck_KEY ORDER1,ORDER2 10000 20 500 [PID]
 */
public class SseLoad {

	static final int OPENING_AT_ONCE = 100;

	static final long OPEN_DEADLINE_SECONDS = 180;

	public static void main(String[] args) throws Exception {
		URI base = URI.create(args[0]);
		String session = args[1];
		String key = args[2];
		List<String> orders = List.of(args[3].split(","));
		int connections = Integer.parseInt(args[4]);
		int events = Integer.parseInt(args[5]);
		long interval = Long.parseLong(args[6]);
		String pid = (args.length > 7) ? args[7] : null;

		Stream[] streams = new Stream[connections];
		Semaphore opening = new Semaphore(OPENING_AT_ONCE);
		CountDownLatch tried = new CountDownLatch(connections);
		Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
		long openStart = System.nanoTime();
		for (int c = 0; c < connections; c++) {
			Stream stream = new Stream(orders.get(c % orders.size()), events);
			streams[c] = stream;
			opening.acquire();
			Thread.ofVirtual().start(() -> {
				try {
					stream.open(base, session);
				}
				catch (Exception ex) {
					stream.failure = (ex.getMessage() != null) ? ex.getClass().getSimpleName() + ": " + ex.getMessage()
							: ex.getClass().getSimpleName();
				}
				finally {
					opening.release();
					tried.countDown();
				}
				if (stream.failure != null) {
					failures.computeIfAbsent(stream.failure, (reason) -> new AtomicInteger()).incrementAndGet();
					return;
				}
				stream.follow();
			});
			if ((c + 1) % 1000 == 0) {
				System.err.printf("%d streams asked for after %.1f s%n", c + 1, (System.nanoTime() - openStart) / 1e9);
			}
		}
		boolean allTried = tried.await(OPEN_DEADLINE_SECONDS, TimeUnit.SECONDS);
		double openSeconds = (System.nanoTime() - openStart) / 1e9;
		int opened = (int) Arrays.stream(streams).filter((stream) -> stream.openedAt > 0).count();
		System.err.printf("%d of %d streams open after %.1f s%s; failures %s%n", opened, connections, openSeconds,
				allTried ? "" : " (gave up waiting)", failures);

		// hold them a while, then see what the server needs to hold them
		Thread.sleep(3_000);
		String server = (pid != null) ? server(pid) : "n/a";
		System.err.println("holding; server " + server);

		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
		// one event per order first, unmeasured, so every order is DELAYED and each
		// measured event moves it; its notification is not counted
		for (String order : orders) {
			post(client, base, key, order, "DELAYED");
		}
		Thread.sleep(Math.max(interval, 1_000));
		Map<String, AtomicInteger> answers = new TreeMap<>();
		long[] posted = new long[events];
		for (int e = 0; e < events; e++) {
			String order = orders.get(e % orders.size());
			String type = ((e / orders.size()) % 2 == 0) ? "ON_HOLD" : "DELAYED";
			posted[e] = System.nanoTime();
			String answer = post(client, base, key, order, type);
			answers.computeIfAbsent(answer, (a) -> new AtomicInteger()).incrementAndGet();
			long next = posted[e] + TimeUnit.MILLISECONDS.toNanos(interval);
			long wait = next - System.nanoTime();
			if (wait > 0) {
				Thread.sleep(Duration.ofNanos(wait));
			}
		}
		Thread.sleep(Math.max(2_000, interval));
		String serverAfter = (pid != null) ? server(pid) : "n/a";

		// each measured event moves its order once: the order's n-th new version after the
		// first measured post is the n-th measured event of that order, however late it came
		Map<String, List<Integer>> postsOf = new TreeMap<>();
		for (int e = 0; e < events; e++) {
			postsOf.computeIfAbsent(orders.get(e % orders.size()), (order) -> new ArrayList<>()).add(e);
		}
		Map<String, Long> before = new TreeMap<>();
		for (Stream stream : streams) {
			List<Integer> posts = postsOf.getOrDefault(stream.order, List.of());
			for (int i = 0; i < stream.seen && !posts.isEmpty(); i++) {
				if (stream.arrivals[i] <= posted[posts.get(0)]) {
					before.merge(stream.order, stream.versions[i], Math::max);
				}
			}
		}
		Map<String, java.util.TreeSet<Long>> versionsOf = new TreeMap<>();
		for (Stream stream : streams) {
			for (int i = 0; i < stream.seen; i++) {
				if (stream.versions[i] > before.getOrDefault(stream.order, Long.MIN_VALUE)) {
					versionsOf.computeIfAbsent(stream.order, (order) -> new java.util.TreeSet<>())
						.add(stream.versions[i]);
				}
			}
		}
		int held = 0;
		long expected = 0;
		long unexpected = 0;
		List<Long> delays = new ArrayList<>();
		for (Stream stream : streams) {
			if (stream.openedAt == 0) {
				continue;
			}
			if (stream.closedAt == 0) {
				held++;
			}
			List<Integer> posts = postsOf.getOrDefault(stream.order, List.of());
			List<Long> versions = new ArrayList<>(versionsOf.getOrDefault(stream.order, new java.util.TreeSet<>()));
			expected += posts.size();
			for (int i = 0; i < stream.seen; i++) {
				int n = versions.indexOf(stream.versions[i]);
				if (n >= posts.size()) {
					unexpected++;
				}
				else if (n >= 0) {
					delays.add(stream.arrivals[i] - posted[posts.get(n)]);
				}
			}
		}
		long[] sorted = delays.stream().mapToLong(Long::longValue).sorted().toArray();
		System.out.printf(
				"connections=%d opened=%d failed=%d held=%d open_s=%.1f events=%d answers=%s delivered=%d expected=%d unexpected=%d"
						+ " p50_ms=%.1f p99_ms=%.1f max_ms=%.1f server_held=%s server_after=%s failures=%s%n",
				connections, opened, connections - opened, held, openSeconds, events, answers, sorted.length,
				expected, unexpected, percentile(sorted, 0.50), percentile(sorted, 0.99),
				(sorted.length > 0) ? sorted[sorted.length - 1] / 1e6 : Double.NaN, server.replace(' ', '_'),
				serverAfter.replace(' ', '_'), failures.toString().replace(' ', '_'));
		System.exit(0);
	}

	/**
	 * Posts a fulfilment event and tells what came of it: the status, and "moved" when it
	 * moved a line (the order page is told only then).
	 */
	private static String post(HttpClient client, URI base, String key, String order, String type) {
		String body = """
				{"eventId": "bench-%s", "orderNumber": "%s", "type": "%s", "occurredAt": "%s", "note": "Bench"}"""
			.formatted(UUID.randomUUID(), order, type, Instant.now());
		HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/fulfilment/events"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + key)
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		try {
			HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
			boolean moved = response.statusCode() == 200 && !response.body().contains("\"movedLines\":[]");
			return response.statusCode() + (moved ? "-moved" : "-unmoved");
		}
		catch (IOException ex) {
			return "io-error";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	/** The server's resident memory and threads, from /proc. */
	private static String server(String pid) {
		try {
			long rss = 0;
			long threads = 0;
			for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
				if (line.startsWith("VmRSS:")) {
					rss = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
				}
				if (line.startsWith("Threads:")) {
					threads = Long.parseLong(line.replaceAll("\\D", ""));
				}
			}
			return rss + "MB/" + threads + "threads";
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	private static double percentile(long[] sorted, double p) {
		return (sorted.length == 0) ? Double.NaN
				: sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
	}

	/**
	 * One event stream on a socket of its own: HTTP/1.1, chunked or not, parsed as
	 * server-sent events.
	 */
	static final class Stream {

		final String order;

		/** The versions the stream announced and when, in the order they came. */
		final long[] versions;

		final long[] arrivals;

		volatile int seen;

		volatile long openedAt;

		volatile long closedAt;

		volatile String failure;

		private Socket socket;

		private InputStream in;

		private final byte[] buffer = new byte[512];

		private int position;

		private int limit;

		private boolean chunked;

		private long chunkLeft = -1;

		private final StringBuilder line = new StringBuilder();

		private String event = "message";

		private String id;

		Stream(String order, int events) {
			this.order = order;
			this.versions = new long[events + 16];
			this.arrivals = new long[events + 16];
		}

		void open(URI base, String session) throws IOException {
			this.socket = new Socket();
			this.socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
			this.socket.setSoTimeout(30_000);
			OutputStream out = this.socket.getOutputStream();
			out.write(("GET /orders/" + this.order + "/live HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
					+ "\r\nAccept: text/event-stream\r\nCookie: CONCIERGE_SESSION=" + session + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			this.in = this.socket.getInputStream();
			String status = headerLine();
			if (status == null || !status.startsWith("HTTP/1.1 200")) {
				this.socket.close();
				throw new IOException("answered " + status);
			}
			for (String header = headerLine(); header != null && !header.isEmpty(); header = headerLine()) {
				if (header.toLowerCase().startsWith("transfer-encoding:") && header.toLowerCase().contains("chunked")) {
					this.chunked = true;
				}
			}
			// the stream answers at once with a comment; once it came, the stream is open
			while (this.openedAt == 0) {
				if (!readEvents()) {
					throw new IOException("closed before it said anything");
				}
			}
			// quiet streams are fine from now on: the server's heartbeat comes every 25 s
			this.socket.setSoTimeout(0);
		}

		void follow() {
			try {
				while (readEvents()) {
				}
			}
			catch (IOException ex) {
				// closed, counted below
			}
			finally {
				this.closedAt = System.nanoTime();
				try {
					this.socket.close();
				}
				catch (IOException ex) {
					// closing anyway
				}
			}
		}

		/** Reads what came and handles the events it completes; false at the end. */
		private boolean readEvents() throws IOException {
			if (this.chunked && this.chunkLeft <= 0) {
				if (this.chunkLeft == 0 && headerLine() == null) {
					return false;
				}
				String size = headerLine();
				if (size == null) {
					return false;
				}
				int semicolon = size.indexOf(';');
				this.chunkLeft = Long.parseLong(((semicolon >= 0) ? size.substring(0, semicolon) : size).strip(), 16);
				if (this.chunkLeft == 0) {
					return false;
				}
			}
			if (this.position == this.limit && !fill()) {
				return false;
			}
			int end = this.limit;
			if (this.chunked) {
				end = (int) Math.min(this.limit, this.position + this.chunkLeft);
				this.chunkLeft -= end - this.position;
			}
			long now = System.nanoTime();
			for (; this.position < end; this.position++) {
				char c = (char) (this.buffer[this.position] & 0xff);
				if (c == '\n') {
					handle(this.line.toString(), now);
					this.line.setLength(0);
				}
				else if (c != '\r') {
					this.line.append(c);
				}
			}
			return true;
		}

		private void handle(String field, long now) {
			if (field.isEmpty()) {
				if (this.openedAt == 0) {
					this.openedAt = now;
				}
				if (this.event.equals("order") && this.id != null && this.seen < this.versions.length) {
					this.versions[this.seen] = Long.parseLong(this.id);
					this.arrivals[this.seen] = now;
					this.seen++;
				}
				this.event = "message";
				this.id = null;
			}
			else if (field.startsWith("event:")) {
				this.event = field.substring(6).strip();
			}
			else if (field.startsWith("id:")) {
				this.id = field.substring(3).strip();
			}
		}

		private boolean fill() throws IOException {
			int n = this.in.read(this.buffer);
			if (n < 0) {
				return false;
			}
			this.position = 0;
			this.limit = n;
			return true;
		}

		/** A line of the header or of the chunk framing, without its CRLF; null at the end. */
		private String headerLine() throws IOException {
			StringBuilder text = new StringBuilder();
			while (true) {
				if (this.position == this.limit && !fill()) {
					return null;
				}
				char c = (char) (this.buffer[this.position++] & 0xff);
				if (c == '\n') {
					return text.toString();
				}
				if (c != '\r') {
					text.append(c);
				}
			}
		}

	}

}
