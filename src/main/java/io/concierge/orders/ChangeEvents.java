package io.concierge.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.concierge.shared.AuditableEvent;
import io.concierge.shared.IntegrationEvent;

/**
 * What customers and agents change on orders. Each goes to the audit trail and, as a
 * signed webhook, to the systems that subscribed to its type (an ERP, the warehouse).
 */
public final class ChangeEvents {

	private ChangeEvents() {
	}

	/**
	 * Every change event: about an order and one change of it, by someone from somewhere.
	 */
	public sealed interface ChangeEvent extends AuditableEvent, IntegrationEvent {

		String number();

		UUID change();

		@Override
		default String subject() {
			return number();
		}

		@Override
		default String action() {
			return eventType();
		}

	}

	/**
	 * Units of a line.
	 *
	 * @param exchangeSku for an exchange, what the customer wants instead
	 */
	public record LineUnits(int line, String sku, int quantity, @Nullable String exchangeSku) {

	}

	/**
	 * A cancellation waits for approval.
	 */
	public record CancellationRequested(String number, UUID change, List<LineUnits> lines, String actor, String origin,
			Instant occurredAt) implements ChangeEvent {

		@Override
		public String eventType() {
			return "order.cancellation_requested";
		}

	}

	/**
	 * Units are cancelled: the warehouse must not send them.
	 */
	public record LinesCancelled(String number, UUID change, List<LineUnits> lines, BigDecimal refund, String currency,
			String actor, String origin, Instant occurredAt) implements ChangeEvent {

		@Override
		public String eventType() {
			return "order.lines_cancelled";
		}

	}

	/**
	 * Money is owed to the customer; billing pays it out.
	 *
	 * @param lines the units it is for
	 * @param destination {@code ORIGINAL_PAYMENT}, {@code STORE_CREDIT} or
	 * {@code CREDIT_NOTE}
	 */
	public record RefundDue(String number, UUID change, List<LineUnits> lines, BigDecimal amount, String currency,
			String destination, String actor, String origin, Instant occurredAt) implements ChangeEvent {

		@Override
		public String eventType() {
			return "order.refund_due";
		}

	}

	/**
	 * A new delivery address, applied and sent to the warehouse, which may still refuse
	 * it; or waiting for approval.
	 */
	public record AddressChangeRequested(String number, UUID change, Address address, boolean approved, String actor,
			String origin, Instant occurredAt) implements ChangeEvent {

		@Override
		public String eventType() {
			return "order.address_change_requested";
		}

	}

	/**
	 * The warehouse confirmed the new address.
	 */
	public record AddressChanged(String number, UUID change, Address address, String actor, String origin,
			Instant occurredAt) implements ChangeEvent {

		@Override
		public String eventType() {
			return "order.address_changed";
		}

	}

	/**
	 * The warehouse could not send to the new address; the old one stands.
	 */
	public record AddressChangeRefused(String number, UUID change, @Nullable String reason, String actor, String origin,
			Instant occurredAt) implements ChangeEvent {

		@Override
		public String eventType() {
			return "order.address_change_refused";
		}

	}

	public record ReturnRequested(String number, UUID change, String returnNumber, List<LineUnits> lines,
			ReturnReason reason, @Nullable String note, Resolution resolution, int photos, boolean approved,
			String actor, String origin, Instant occurredAt) implements ChangeEvent {

		@Override
		public String eventType() {
			return "order.return_requested";
		}

	}

	/**
	 * The return is approved and its label issued.
	 */
	public record ReturnApproved(String number, UUID change, String returnNumber, List<LineUnits> lines, String actor,
			String origin, Instant occurredAt) implements ChangeEvent {

		@Override
		public String eventType() {
			return "order.return_approved";
		}

	}

	public record ReturnRejected(String number, UUID change, String returnNumber, String reason, String actor,
			String origin, Instant occurredAt) implements ChangeEvent {

		@Override
		public String eventType() {
			return "order.return_rejected";
		}

	}

	/**
	 * The return moved on its way back: in transit, received, inspected, refunded or
	 * closed.
	 */
	public record ReturnStatusChanged(String number, UUID change, String returnNumber, ChangeStatus status,
			@Nullable String note, String actor, String origin, Instant occurredAt) implements ChangeEvent {

		@Override
		public String eventType() {
			return "order.return_status_changed";
		}

	}

	public record DeliveryPreferencesChanged(String number, UUID change, DeliveryPreferences preferences, String actor,
			String origin, Instant occurredAt) implements ChangeEvent {

		@Override
		public String eventType() {
			return "order.delivery_preferences_changed";
		}

	}

	/**
	 * An agent rejected a cancellation or an address change that needed approval.
	 */
	public record ChangeRejected(String number, UUID change, ChangeAction kind, String reason, String actor,
			String origin, Instant occurredAt) implements ChangeEvent {

		@Override
		public String eventType() {
			return "order.change_rejected";
		}

	}

	/**
	 * The rules of the change policy changed.
	 */
	public record ChangePolicyChanged(String actor, String summary, String origin,
			Instant occurredAt) implements AuditableEvent {

		@Override
		public String action() {
			return "orders.policy.changed";
		}

		@Override
		public String subject() {
			return this.summary;
		}

	}

}
