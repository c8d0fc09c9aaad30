package io.concierge.notifications.web;

import java.io.IOException;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.concierge.identity.Callers;
import io.concierge.notifications.Inbox;

/**
 * The bell in the header, its panel of recent notifications, the page of them all, and
 * the stream that moves the bell's count as soon as a notification is added. What the
 * panel or the page shows is marked read: the reader has seen it.
 */
@Controller
class InboxController {

	private static final int PANEL = 8;

	private static final int PAGE = 100;

	private static final long TIMEOUT = Duration.ofMinutes(30).toMillis();

	private final Inbox inbox;

	private final Callers callers;

	/** The open streams per account, and the follower that writes to them. */
	private final Map<UUID, Listeners> streams = new ConcurrentHashMap<>();

	InboxController(Inbox inbox, Callers callers) {
		this.inbox = inbox;
		this.callers = callers;
	}

	@GetMapping("/notifications")
	String page(Principal principal, Model model) {
		UUID account = this.callers.of(principal).account();
		List<Inbox.Entry> entries = this.inbox.recent(account, PAGE);
		model.addAttribute("entries", entries);
		this.inbox.markRead(account, unread(entries));
		return "notifications/inbox";
	}

	@GetMapping("/notifications/bell")
	String bell(Principal principal, Model model) {
		model.addAttribute("unread", this.inbox.unread(this.callers.of(principal).account()));
		return "notifications/bell :: bell";
	}

	@GetMapping("/notifications/panel")
	String panel(Principal principal, Model model) {
		UUID account = this.callers.of(principal).account();
		List<Inbox.Entry> entries = this.inbox.recent(account, PANEL);
		this.inbox.markRead(account, unread(entries));
		model.addAttribute("entries", entries);
		model.addAttribute("unread", this.inbox.unread(account));
		return "notifications/bell :: panel";
	}

	@GetMapping(path = "/notifications/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@ResponseBody
	SseEmitter live(Principal principal) {
		UUID account = this.callers.of(principal).account();
		SseEmitter emitter = new SseEmitter(TIMEOUT);
		this.streams.compute(account, (key, listeners) -> {
			Listeners joined = (listeners != null) ? listeners : new Listeners();
			if (listeners == null) {
				this.inbox.follow(key, joined);
			}
			joined.emitters.add(emitter);
			return joined;
		});
		Runnable close = () -> this.streams.computeIfPresent(account, (key, listeners) -> {
			listeners.emitters.remove(emitter);
			if (!listeners.emitters.isEmpty()) {
				return listeners;
			}
			this.inbox.unfollow(key, listeners);
			return null;
		});
		emitter.onCompletion(close);
		emitter.onTimeout(close);
		emitter.onError((ex) -> close.run());
		send(emitter, SseEmitter.event().comment("following"));
		return emitter;
	}

	/**
	 * A comment now and then keeps proxies from closing a quiet stream.
	 */
	@Scheduled(fixedRate = 25_000)
	void heartbeat() {
		this.streams.values()
			.forEach((listeners) -> listeners.emitters
				.forEach((emitter) -> send(emitter, SseEmitter.event().comment("still here"))));
	}

	@EventListener(ContextClosedEvent.class)
	void closeAll() {
		this.streams.values().forEach((listeners) -> listeners.emitters.forEach(SseEmitter::complete));
	}

	private static List<UUID> unread(List<Inbox.Entry> entries) {
		return entries.stream().filter((entry) -> !entry.read()).map(Inbox.Entry::id).toList();
	}

	/**
	 * One account's open pages: told the new unread count, which is looked up once for
	 * all of them, on a virtual thread so the database listener is not held up.
	 */
	private final class Listeners implements Consumer<UUID> {

		private final Set<SseEmitter> emitters = ConcurrentHashMap.newKeySet();

		@Override
		public void accept(UUID account) {
			Thread.ofVirtual().name("inbox-live").start(() -> {
				int unread = InboxController.this.inbox.unread(account);
				this.emitters.forEach((emitter) -> send(emitter,
						SseEmitter.event().name("notification").data(Integer.toString(unread))));
			});
		}

	}

	private static void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
		try {
			emitter.send(event);
		}
		catch (IOException | IllegalStateException ex) {
			emitter.completeWithError(ex);
		}
	}

}
