package io.concierge.orders.web;

import java.io.IOException;
import java.security.Principal;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.concierge.identity.Callers;
import io.concierge.orders.OrderChanges;
import io.concierge.orders.OrderDetails;
import io.concierge.orders.OrderQueries;
import io.concierge.shared.NotFound;

/**
 * Server-sent events for an open order page: an {@code order} event, whose id is the
 * order's version, each time the order changes. A browser that reconnects with
 * {@code Last-Event-ID} hears at once about a change it missed.
 */
@RestController
class OrderLiveController {

	private static final long TIMEOUT = Duration.ofMinutes(30).toMillis();

	private final OrderQueries queries;

	private final OrderChanges changes;

	private final Callers callers;

	private final Set<SseEmitter> open = ConcurrentHashMap.newKeySet();

	OrderLiveController(OrderQueries queries, OrderChanges changes, Callers callers) {
		this.queries = queries;
		this.changes = changes;
		this.callers = callers;
	}

	@GetMapping(path = "/orders/{number}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter live(@PathVariable String number, Principal principal,
			@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId) {
		OrderDetails order = this.queries.find(this.callers.of(principal), number)
			.orElseThrow(() -> new NotFound("order " + number));
		SseEmitter emitter = new SseEmitter(TIMEOUT);
		Consumer<String> follower = (changed) -> this.queries.version(changed)
			.ifPresent((version) -> send(emitter, version));
		this.changes.follow(order.number(), follower);
		this.open.add(emitter);
		Runnable close = () -> {
			this.changes.unfollow(order.number(), follower);
			this.open.remove(emitter);
		};
		emitter.onCompletion(close);
		emitter.onTimeout(close);
		emitter.onError((ex) -> close.run());
		if (missed(lastEventId, order.version())) {
			send(emitter, order.version());
		}
		else {
			// answers at once, so the browser knows it is following from now on
			comment(emitter, "following");
		}
		return emitter;
	}

	/**
	 * A comment now and then keeps proxies from closing a quiet stream.
	 */
	@Scheduled(fixedRate = 25_000)
	void heartbeat() {
		this.open.forEach((emitter) -> comment(emitter, "still here"));
	}

	private static void comment(SseEmitter emitter, String comment) {
		try {
			emitter.send(SseEmitter.event().comment(comment));
		}
		catch (IOException | IllegalStateException ex) {
			emitter.completeWithError(ex);
		}
	}

	private static boolean missed(@Nullable String lastEventId, long version) {
		if (lastEventId == null) {
			return false;
		}
		try {
			return Long.parseLong(lastEventId.strip()) < version;
		}
		catch (NumberFormatException ex) {
			return true;
		}
	}

	private static void send(SseEmitter emitter, long version) {
		try {
			emitter.send(SseEmitter.event().name("order").id(Long.toString(version)).data("changed"));
		}
		catch (IOException | IllegalStateException ex) {
			emitter.completeWithError(ex);
		}
	}

}
