package io.concierge.tracking;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.concierge.orders.DeliveryStage;
import io.concierge.orders.ShipmentTracking;
import io.concierge.orders.ShipmentTracking.CarrierReport;
import io.concierge.orders.ShipmentTracking.PolledParcel;
import io.concierge.orders.ShipmentTracking.Scan;

/**
 * Asks carriers without webhooks about their parcels, through an HTTP JSON tracking API
 * ({@code concierge.tracking.pollers.<carrier>.*}):
 * {@code GET <base-url>/trackings/<number>} with the key as a bearer token, answering
 * {@code {"estimatedDelivery": "2026-11-25", "signedBy": …, "events": [{"time", "status",
 * "description", "location"}]}}, each status one of Concierge's stages or mapped by
 * {@code .statuses.<theirs>=<STAGE>}. A parcel is asked about again sooner the nearer it
 * is to the door. Each call has a timeout and is retried with exponential back-off and
 * jitter; a carrier failing half of its recent calls is left alone for a while (a minute
 * unless {@code .rest} says otherwise: a circuit breaker), so its parcels wait instead of
 * piling up calls; after the rest, two calls tell whether it is back.
 */
@Component
@EnableConfigurationProperties(CarrierPoller.Settings.class)
class CarrierPoller {

	private static final Logger log = LoggerFactory.getLogger(CarrierPoller.class);

	private static final int AT_A_TIME = 100;

	private final Settings settings;

	private final ShipmentTracking tracking;

	private final Clock clock;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

	CarrierPoller(Settings settings, ShipmentTracking tracking, Clock clock) {
		this.settings = settings;
		this.tracking = tracking;
		this.clock = clock;
	}

	/**
	 * @param pollers the carriers' tracking APIs by carrier name, as parcels name it
	 */
	@ConfigurationProperties("concierge.tracking")
	record Settings(@Nullable Map<String, Api> pollers) {

		Settings {
			pollers = (pollers != null) ? Map.copyOf(pollers) : Map.of();
		}

	}

	/**
	 * @param statuses the carrier's own statuses that are not Concierge's stage names
	 * @param rest how long a failing carrier is left alone
	 */
	record Api(URI baseUrl, @Nullable String apiKey, @DefaultValue("PT5S") Duration timeout,
			@Nullable Map<String, DeliveryStage> statuses, @DefaultValue("PT1M") Duration rest) {

		Api {
			statuses = (statuses != null) ? Map.copyOf(statuses) : Map.of();
		}

		@Override
		public String toString() {
			return "Api[baseUrl=" + this.baseUrl + "]";
		}

	}

	/**
	 * What one round did.
	 *
	 * @param skipped parcels not asked about because the carrier's breaker is open
	 */
	record Round(int asked, int failed, int skipped) {

	}

	@Scheduled(initialDelayString = "${concierge.tracking.poll-delay:PT30S}",
			fixedDelayString = "${concierge.tracking.poll-interval:PT30S}")
	void pollDue() {
		this.settings.pollers().forEach(this::poll);
	}

	/**
	 * Asks the carrier about each of its parcels that is due, at most 100.
	 */
	Round poll(String carrier, Api api) {
		CircuitBreaker breaker = this.breakers.computeIfAbsent(carrier.toLowerCase(Locale.ROOT),
				(name) -> CircuitBreaker.of(name,
						CircuitBreakerConfig.custom()
							.slidingWindowSize(10)
							.minimumNumberOfCalls(4)
							.failureRateThreshold(50)
							.waitDurationInOpenState(api.rest())
							.permittedNumberOfCallsInHalfOpenState(2)
							.build()));
		Retry retry = Retry.of(carrier,
				RetryConfig.custom()
					.maxAttempts(3)
					.intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(200), 2.0, 0.5))
					.ignoreExceptions(CallNotPermittedException.class)
					.build());
		int asked = 0;
		int failed = 0;
		int skipped = 0;
		for (PolledParcel parcel : this.tracking.duePolls(carrier, AT_A_TIME)) {
			try {
				CarrierReport report = Retry
					.decorateCheckedSupplier(retry,
							() -> breaker.executeCheckedSupplier(() -> fetch(api, parcel.trackingNumber(), carrier)))
					.get();
				DeliveryStage stage = this.tracking.record(report).stage();
				this.tracking.pollAgain(parcel.id(), this.clock.instant().plus(interval(stage)));
				asked++;
			}
			catch (CallNotPermittedException ex) {
				skipped++;
			}
			catch (Throwable ex) {
				failed++;
				log.warn("Could not ask {} about parcel {}: {}", carrier, parcel.trackingNumber(), ex.toString());
				this.tracking.pollAgain(parcel.id(), this.clock.instant().plus(Duration.ofMinutes(15)));
			}
		}
		return new Round(asked, failed, skipped);
	}

	/**
	 * Sooner the nearer the parcel is to the door.
	 */
	static Duration interval(@Nullable DeliveryStage stage) {
		if (stage == null) {
			return Duration.ofHours(2);
		}
		return switch (stage) {
			case LABEL_CREATED -> Duration.ofHours(6);
			case IN_TRANSIT -> Duration.ofHours(2);
			case OUT_FOR_DELIVERY -> Duration.ofMinutes(20);
			case FAILED_ATTEMPT, EXCEPTION, CUSTOMS_HOLD, AVAILABLE_FOR_PICKUP -> Duration.ofHours(1);
			case DELIVERED, RETURNED_TO_SENDER -> Duration.ofDays(365);
		};
	}

	private CarrierReport fetch(Api api, String trackingNumber, String carrier)
			throws IOException, InterruptedException {
		URI uri = URI.create(api.baseUrl().toString().replaceAll("/$", "") + "/trackings/"
				+ URLEncoder.encode(trackingNumber, StandardCharsets.UTF_8));
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(api.timeout()).GET();
		if (api.apiKey() != null) {
			request.header("Authorization", "Bearer " + api.apiKey());
		}
		HttpResponse<byte[]> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != 200) {
			throw new IOException(carrier + " answered " + response.statusCode());
		}
		return report(response.body(), trackingNumber, api.statuses(), carrier);
	}

	/**
	 * The carrier's answer about a parcel: {@code {"estimatedDelivery": …, "signedBy": …,
	 * "events": [{"status": …, "time": …, "description": …, "location": …}]}}; an event
	 * in a status Concierge does not know is left out.
	 * @param statuses the carrier's own statuses that are not Concierge's stage names
	 * @throws UnreadableEvent naming what is wrong
	 */
	static CarrierReport report(byte[] body, String trackingNumber, Map<String, DeliveryStage> statuses,
			String carrier) {
		JsonNode tracking = EventJson.object(body);
		List<Scan> scans = new ArrayList<>();
		for (JsonNode event : tracking.path("events")) {
			String status = EventJson.required(event, "status");
			DeliveryStage stage = statuses.get(status);
			if (stage == null) {
				try {
					stage = DeliveryStage.valueOf(status.toUpperCase(Locale.ROOT));
				}
				catch (IllegalArgumentException ex) {
					continue;
				}
			}
			scans.add(new Scan(EventJson.instant(event, "time"), stage, status, EventJson.text(event, "description"),
					EventJson.text(event, "location")));
		}
		return new CarrierReport(trackingNumber, EventJson.date(tracking, "estimatedDelivery"),
				EventJson.text(tracking, "signedBy"), scans, "poller:" + carrier.toLowerCase(Locale.ROOT));
	}

	/**
	 * Whether the carrier's breaker lets calls through now.
	 */
	boolean available(String carrier) {
		CircuitBreaker breaker = this.breakers.get(carrier.toLowerCase(Locale.ROOT));
		return breaker == null || breaker.getState() != CircuitBreaker.State.OPEN;
	}

}
