package io.concierge.support.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Who has a ticket open in the console now: each agent's page holds a stream, and hears
 * (a {@code viewers} event with the others' names) whenever someone else opens or leaves
 * the same ticket, so that two agents do not answer at once. Kept per node: agents of one
 * ticket on two nodes do not see each other.
 */
@Component
class TicketViewers {

	private static final long TIMEOUT = Duration.ofMinutes(30).toMillis();

	private final Map<String, Map<SseEmitter, String>> viewers = new ConcurrentHashMap<>();

	SseEmitter join(String ticket, String agent) {
		SseEmitter emitter = new SseEmitter(TIMEOUT);
		Map<SseEmitter, String> audience = this.viewers.computeIfAbsent(ticket, (key) -> new ConcurrentHashMap<>());
		audience.put(emitter, agent);
		Runnable leave = () -> {
			audience.remove(emitter);
			tell(ticket);
		};
		emitter.onCompletion(leave);
		emitter.onTimeout(leave);
		emitter.onError((ex) -> leave.run());
		tell(ticket);
		return emitter;
	}

	private void tell(String ticket) {
		Map<SseEmitter, String> audience = this.viewers.getOrDefault(ticket, Map.of());
		audience.forEach((emitter, agent) -> {
			List<String> others = audience.entrySet()
				.stream()
				.filter((entry) -> entry.getKey() != emitter)
				.map(Map.Entry::getValue)
				.distinct()
				.sorted()
				.toList();
			try {
				emitter.send(SseEmitter.event().name("viewers").data(String.join(", ", others)));
			}
			catch (IOException | IllegalStateException ex) {
				audience.remove(emitter);
			}
		});
	}

	@Scheduled(fixedRate = 25_000)
	void heartbeat() {
		this.viewers.values().forEach((audience) -> audience.keySet().forEach((emitter) -> {
			try {
				emitter.send(SseEmitter.event().comment("open"));
			}
			catch (IOException | IllegalStateException ex) {
				audience.remove(emitter);
			}
		}));
	}

}
