package io.concierge.orders;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Events from warehouses and ERPs, each applied once: a repeat of an event id from the
 * same sender is answered with what the first did. Out-of-order events are safe because
 * the order itself never moves a line back.
 */
@Service
public class FulfilmentFeed {

	private final OrderManagement management;

	private final JdbcClient jdbc;

	private final Clock clock;

	FulfilmentFeed(OrderManagement management, JdbcClient jdbc, Clock clock) {
		this.management = management;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * What an event did.
	 *
	 * @param movedLines the line numbers that moved; empty when the event changed
	 * nothing, because what it says is known already or older than what is known
	 * @param duplicate whether this event id was received before
	 */
	public record Receipt(String eventId, String orderNumber, LineStatus status, List<Integer> movedLines,
			boolean duplicate) {

	}

	/**
	 * Applies the event unless it was received before; a refused event is not remembered,
	 * so it can be sent again once corrected.
	 * @see OrderManagement#apply(FulfilmentUpdate)
	 */
	@Transactional
	public Receipt receive(String client, String eventId, FulfilmentUpdate update) {
		int fresh = this.jdbc.sql("""
				insert into fulfilment_event (client, event_id, order_number, status, moved_lines, received_at)
				values (?, ?, ?, ?, '', ?) on conflict do nothing""")
			.params(client, eventId, update.orderNumber(), update.status().name(),
					this.clock.instant().atOffset(ZoneOffset.UTC))
			.update();
		if (fresh == 0) {
			return this.jdbc
				.sql("select order_number, status, moved_lines from fulfilment_event where client = ? and event_id = ?")
				.params(client, eventId)
				.query((row, number) -> new Receipt(eventId, row.getString(1), LineStatus.valueOf(row.getString(2)),
						lines(row.getString(3)), true))
				.single();
		}
		List<Integer> moved = this.management.apply(update);
		this.jdbc.sql("update fulfilment_event set moved_lines = ? where client = ? and event_id = ?")
			.params(String.join(",", moved.stream().map(String::valueOf).toList()), client, eventId)
			.update();
		return new Receipt(eventId, update.orderNumber(), update.status(), moved, false);
	}

	private static List<Integer> lines(String text) {
		return text.isEmpty() ? List.of() : Arrays.stream(text.split(",")).map(Integer::valueOf).toList();
	}

}
