import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Concierge's own load tool for signed posts: CONNECTIONS clients post as fast as they are
 * answered, for SECONDS seconds, either point-of-sale sales to an intake channel, each with
 * a new sale id, or (given a file of tracking numbers) EasyPost tracker events, each with
 * a new scan of one of those parcels. Prints requests/s, latency percentiles of the
 * answers and how many of each status.
 *
 * java bench/IntakeLoad.java http://localhost:8097/api/intake/till till-secret 10 20
 * java bench/IntakeLoad.java http://localhost:8097/api/webhooks/easypost secret 10 20 tracking.txt
 */
public class IntakeLoad {

	public static void main(String[] args) throws Exception {
		URI target = URI.create(args[0]);
		byte[] secret = args[1].getBytes(StandardCharsets.UTF_8);
		int connections = Integer.parseInt(args[2]);
		long seconds = Long.parseLong(args[3]);
		List<String> parcels = (args.length > 4) ? java.nio.file.Files.readAllLines(java.nio.file.Path.of(args[4]))
			: List.of();
		// each run's scans at times of their own, so a second run's are news too
		AtomicLong scans = new AtomicLong(System.currentTimeMillis() % 10_000_000_000L);
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
			.build();
		Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
		List<long[]> latencies = new ArrayList<>();
		long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
		List<Thread> threads = new ArrayList<>();
		for (int c = 0; c < connections; c++) {
			long[] mine = new long[2_000_000];
			latencies.add(mine);
			threads.add(Thread.ofVirtual().start(() -> {
				int n = 0;
				try {
					Mac mac = Mac.getInstance("HmacSHA256");
					mac.init(new SecretKeySpec(secret, "HmacSHA256"));
					while (System.nanoTime() < end && n < mine.length) {
						long scan = scans.incrementAndGet();
						byte[] body = (parcels.isEmpty() ? sale()
								: tracker(parcels.get((int) (scan % parcels.size())), scan))
							.getBytes(StandardCharsets.UTF_8);
						byte[] hmac = mac.doFinal(body);
						HttpRequest request = HttpRequest.newBuilder(target)
							.header("Content-Type", "application/json")
							.header(parcels.isEmpty() ? "X-Concierge-Hmac-Sha256" : "X-Hmac-Signature",
									parcels.isEmpty() ? Base64.getEncoder().encodeToString(hmac)
											: "hmac-sha256-hex=" + java.util.HexFormat.of().formatHex(hmac))
							.POST(HttpRequest.BodyPublishers.ofByteArray(body))
							.build();
						long start = System.nanoTime();
						int status;
						try {
							status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
						}
						catch (java.io.IOException ex) {
							status = -1;
						}
						mine[n++] = System.nanoTime() - start;
						statuses.computeIfAbsent(status, (key) -> new AtomicLong()).incrementAndGet();
					}
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
				mine[mine.length - 1] = n;
			}));
		}
		for (Thread thread : threads) {
			thread.join();
		}
		long[] all = latencies.stream()
			.flatMapToLong((mine) -> Arrays.stream(mine, 0, (int) mine[mine.length - 1]))
			.sorted()
			.toArray();
		System.out.printf("requests %d in %d s: %.0f/s; p50 %.1f ms, p99 %.1f ms, max %.1f ms; statuses %s%n",
				all.length, seconds, all.length / (double) seconds, percentile(all, 0.50), percentile(all, 0.99),
				all[all.length - 1] / 1e6, statuses);
	}

	private static double percentile(long[] sorted, double p) {
		return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
	}

	/**
	 * An EasyPost tracker.updated event: the parcel in transit, with a scan a second
	 * after the previous one, so every event is news.
	 */
	private static String tracker(String trackingCode, long scan) {
		return """
				{"id": "evt_%d", "object": "Event", "description": "tracker.updated",
				 "result": {"object": "Tracker", "tracking_code": "%s", "status": "in_transit",
				   "est_delivery_date": "2026-11-25T00:00:00Z",
				   "tracking_details": [{"object": "TrackingDetail", "message": "Arrived at facility",
				     "status": "in_transit", "status_detail": "arrived_at_facility", "datetime": "%s",
				     "tracking_location": {"city": "Leipzig", "country": "DE"}}]}}
				""".formatted(scan, trackingCode, java.time.Instant.parse("2026-01-01T00:00:00Z").plusSeconds(scan));
	}

	private static String sale() {
		return """
				{"saleId": "%s", "soldAt": "2026-11-22T10:15:00+01:00", "currency": "EUR",
				 "customerEmail": "bench@example.com", "store": "Bench",
				 "lines": [{"sku": "MUG-01", "name": "Stoneware mug", "quantity": 2, "unitPrice": "12.50",
				            "discount": "0", "tax": "3.99"}],
				 "totals": {"subtotal": "25.00", "discounts": "0", "taxes": "3.99", "total": "25.00"}}
				""".formatted(UUID.randomUUID());
	}

}
