package io.concierge.orders.web;

import java.io.IOException;
import java.security.Principal;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.concierge.identity.Callers;
import io.concierge.orders.OrderChanges;
import io.concierge.orders.OrderQueries;
import io.concierge.shared.NotFound;

/**
 * Server-sent events for an open order page: an {@code order} event, whose id is the
 * order's version, each time the order changes. A browser that reconnects with
 * {@code Last-Event-ID} hears at once about a change it missed.
 * <p>
 * An open stream holds neither a thread nor a database connection. The streams of one
 * order are its audience: a change is looked up once for all of them and written to them
 * from virtual threads, a slice of streams each, so ten thousand pages of one order hear
 * of it together and a slow reader holds up only its slice.
 */
@RestController
class OrderLiveController {

	private static final long TIMEOUT = Duration.ofMinutes(30).toMillis();

	/** How many streams one virtual thread writes an event to. */
	private static final int SLICE = 256;

	private final OrderQueries queries;

	private final OrderChanges changes;

	private final Callers callers;

	private final Map<String, Audience> audiences = new ConcurrentHashMap<>();

	OrderLiveController(OrderQueries queries, OrderChanges changes, Callers callers) {
		this.queries = queries;
		this.changes = changes;
		this.callers = callers;
	}

	@GetMapping(path = "/orders/{number}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter live(@PathVariable String number, Principal principal,
			@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId) {
		long version = this.queries.version(this.callers.of(principal), number)
			.orElseThrow(() -> new NotFound("order " + number));
		SseEmitter emitter = new SseEmitter(TIMEOUT);
		join(number, emitter);
		Runnable close = () -> leave(number, emitter);
		emitter.onCompletion(close);
		emitter.onTimeout(close);
		emitter.onError((ex) -> close.run());
		if (missed(lastEventId, version)) {
			send(emitter, version);
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
		this.audiences.values()
			.forEach((audience) -> toEach(audience.emitters, (emitter) -> comment(emitter, "still here")));
	}

	/**
	 * Ends every stream when the node stops: the browsers reconnect to another node at
	 * once, and the graceful shutdown need not wait its full timeout for them.
	 */
	@EventListener(ContextClosedEvent.class)
	void closeAll() {
		this.audiences.values().forEach((audience) -> audience.emitters.forEach(SseEmitter::complete));
	}

	private void join(String number, SseEmitter emitter) {
		this.audiences.compute(number, (key, audience) -> {
			Audience joined = (audience != null) ? audience : new Audience();
			if (audience == null) {
				this.changes.follow(key, joined);
			}
			joined.emitters.add(emitter);
			return joined;
		});
	}

	private void leave(String number, SseEmitter emitter) {
		this.audiences.computeIfPresent(number, (key, audience) -> {
			audience.emitters.remove(emitter);
			if (!audience.emitters.isEmpty()) {
				return audience;
			}
			this.changes.unfollow(key, audience);
			return null;
		});
	}

	/**
	 * The open streams of one order.
	 */
	private final class Audience implements Consumer<String> {

		private final Set<SseEmitter> emitters = ConcurrentHashMap.newKeySet();

		@Override
		public void accept(String number) {
			OrderLiveController.this.queries.version(number)
				.ifPresent((version) -> toEach(this.emitters, (emitter) -> send(emitter, version)));
		}

	}

	private static void toEach(Collection<SseEmitter> emitters, Consumer<SseEmitter> action) {
		List<SseEmitter> all = List.copyOf(emitters);
		for (int from = 0; from < all.size(); from += SLICE) {
			List<SseEmitter> slice = all.subList(from, Math.min(all.size(), from + SLICE));
			Thread.ofVirtual().name("order-live").start(() -> slice.forEach(action));
		}
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
