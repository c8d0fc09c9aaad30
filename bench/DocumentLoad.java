import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Concierge's own load tool for the document store, signed in with a session: CLIENTS
 * clients upload a 5 MB PDF through the documents page's form or the API (each upload is checked,
 * scanned when a scanner is configured, encrypted and kept), or download one document
 * (decrypted as it is sent), as fast as they are answered, for SECONDS seconds. Prints
 * requests/s, MB/s and latency percentiles, and the answers' statuses.
 *
 * Each client has a session of its own, as each customer does (SESSIONS is a
 * comma-separated list, used round the clients).
 *
 * java bench/DocumentLoad.java http://localhost:8099 SESSIONS upload 10 20
 * java bench/DocumentLoad.java http://localhost:8099 SESSIONS api 10 20
 * java bench/DocumentLoad.java http://localhost:8099 SESSIONS download 1 20
 */
public class DocumentLoad {

	private static final int SIZE = 5 * 1024 * 1024;

	public static void main(String[] args) throws Exception {
		if (args[0].equals("pdf")) {
			// the file the uploads send, for another load generator
			System.out.write(pdf());
			System.out.flush();
			return;
		}
		URI base = URI.create(args[0]);
		List<String> cookies = Arrays.stream(args[1].split(",")).map((id) -> "CONCIERGE_SESSION=" + id).toList();
		String mode = args[2];
		boolean upload = !mode.equals("download");
		int clients = Integer.parseInt(args[3]);
		long seconds = Long.parseLong(args[4]);
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
			.build();
		List<HttpRequest> requests = new ArrayList<>();
		byte[] pdf = pdf();
		for (String cookie : cookies) {
			String page = client
				.send(HttpRequest.newBuilder(base.resolve("/documents")).header("Cookie", cookie).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			if (mode.equals("api")) {
				requests.add(HttpRequest.newBuilder(base.resolve("/api/documents?name=scan.pdf"))
					.header("Cookie", cookie)
					.header("X-CSRF-TOKEN", find(page, "name=\"csrf-token\" content=\"([^\"]+)\""))
					.header("Content-Type", "application/pdf")
					.POST(HttpRequest.BodyPublishers.ofByteArray(pdf))
					.build());
			}
			else if (upload) {
				String boundary = "----bench" + UUID.randomUUID();
				byte[] body = multipart(boundary, find(page, "name=\"_csrf\" value=\"([^\"]+)\""), pdf);
				requests.add(HttpRequest.newBuilder(base.resolve("/documents"))
					.header("Cookie", cookie)
					.header("Content-Type", "multipart/form-data; boundary=" + boundary)
					.POST(HttpRequest.BodyPublishers.ofByteArray(body))
					.build());
			}
			else {
				requests.add(HttpRequest
					.newBuilder(base.resolve(find(page, "href=\"(/documents/[0-9a-f-]{36}/content)\"")))
					.header("Cookie", cookie)
					.build());
			}
		}
		AtomicLong ok = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		AtomicLong bytes = new AtomicLong();
		List<long[]> latencies = new ArrayList<>();
		List<int[]> counts = new ArrayList<>();
		long started = System.nanoTime();
		long end = started + Duration.ofSeconds(seconds).toNanos();
		List<Thread> threads = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			HttpRequest request = requests.get(c % requests.size());
			long[] mine = new long[1_000_000];
			int[] count = new int[1];
			latencies.add(mine);
			counts.add(count);
			threads.add(Thread.ofVirtual().start(() -> {
				byte[] buffer = new byte[256 * 1024];
				while (System.nanoTime() < end) {
					long sent = System.nanoTime();
					try {
						HttpResponse<InputStream> response = client.send(request,
								HttpResponse.BodyHandlers.ofInputStream());
						long read = 0;
						try (InputStream in = response.body()) {
							for (int n; (n = in.read(buffer)) > 0;) {
								read += n;
							}
						}
						// an upload answers with a redirect to the page (documents.sh counts
						// what was kept)
						boolean success = mode.equals("api") ? response.statusCode() == 201
								: upload ? response.statusCode() == 302 : response.statusCode() == 200 && read > 0;
						(success ? ok : failed).incrementAndGet();
						bytes.addAndGet(upload ? SIZE : read);
					}
					catch (Exception ex) {
						failed.incrementAndGet();
					}
					mine[count[0]++] = System.nanoTime() - sent;
				}
			}));
		}
		for (Thread thread : threads) {
			thread.join();
		}
		double elapsed = (System.nanoTime() - started) / 1e9;
		long[] all = new long[counts.stream().mapToInt((count) -> count[0]).sum()];
		int at = 0;
		for (int c = 0; c < clients; c++) {
			System.arraycopy(latencies.get(c), 0, all, at, counts.get(c)[0]);
			at += counts.get(c)[0];
		}
		Arrays.sort(all);
		System.out.printf("%.1f %s/s, %.0f MB/s, p50 %.1f ms, p99 %.1f ms, ok=%d failed=%d%n", ok.get() / elapsed,
				upload ? "uploads" : "downloads", bytes.get() / elapsed / 1024 / 1024, percentile(all, 0.50),
				percentile(all, 0.99), ok.get(), failed.get());
	}

	/**
	 * A PDF of 5 MB: a header and a stream of random bytes, as a scanned document is.
	 */
	private static byte[] pdf() {
		byte[] content = new byte[SIZE];
		new Random(42).nextBytes(content);
		byte[] header = "%PDF-1.7\n1 0 obj\n<< /Length 5242800 >>\nstream\n".getBytes(StandardCharsets.US_ASCII);
		byte[] trailer = "\nendstream\nendobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(header, 0, content, 0, header.length);
		System.arraycopy(trailer, 0, content, SIZE - trailer.length, trailer.length);
		return content;
	}

	private static byte[] multipart(String boundary, String csrf, byte[] file) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		String fields = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n"
				+ "--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nGENERAL\r\n" + "--"
				+ boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan.pdf\"\r\n"
				+ "Content-Type: application/pdf\r\n\r\n";
		out.write(fields.getBytes(StandardCharsets.UTF_8));
		out.write(file);
		out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

	private static String find(String page, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(page);
		if (!matcher.find()) {
			throw new IllegalStateException("Not on the documents page: " + regex);
		}
		return matcher.group(1);
	}

	private static double percentile(long[] sorted, double p) {
		return (sorted.length == 0) ? 0 : sorted[(int) Math.min(sorted.length - 1, p * sorted.length)] / 1e6;
	}

}
