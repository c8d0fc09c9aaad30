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
 * Concierge's own load tool for intake: CONNECTIONS clients post signed point-of-sale
 * sales, each with a new sale id, as fast as they are answered, for SECONDS seconds.
 * Prints requests/s, latency percentiles of the answers and how many of each status.
 *
 * java bench/IntakeLoad.java http://localhost:8097/api/intake/till till-secret 10 20
 */
public class IntakeLoad {

	public static void main(String[] args) throws Exception {
		URI target = URI.create(args[0]);
		byte[] secret = args[1].getBytes(StandardCharsets.UTF_8);
		int connections = Integer.parseInt(args[2]);
		long seconds = Long.parseLong(args[3]);
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
						byte[] body = sale().getBytes(StandardCharsets.UTF_8);
						String signature = Base64.getEncoder().encodeToString(mac.doFinal(body));
						HttpRequest request = HttpRequest.newBuilder(target)
							.header("Content-Type", "application/json")
							.header("X-Concierge-Hmac-Sha256", signature)
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
