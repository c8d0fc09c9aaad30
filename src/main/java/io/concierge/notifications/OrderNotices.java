package io.concierge.notifications;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.concierge.orders.ChangeEvents.AddressChangeRefused;
import io.concierge.orders.ChangeEvents.AddressChanged;
import io.concierge.orders.ChangeEvents.ChangeRejected;
import io.concierge.orders.ChangeEvents.LinesCancelled;
import io.concierge.orders.ChangeEvents.RefundDue;
import io.concierge.orders.ChangeEvents.ReturnApproved;
import io.concierge.orders.ChangeEvents.ReturnRejected;
import io.concierge.orders.ChangeEvents.ReturnStatusChanged;
import io.concierge.orders.ChangeStatus;
import io.concierge.orders.OrderEvents.OrderDelivered;
import io.concierge.orders.OrderEvents.OrderPlaced;
import io.concierge.orders.OrderEvents.OrderShipped;
import io.concierge.orders.OrderManagement;
import io.concierge.tracking.DeliveryAlerts.DeliveryDelayPredicted;
import io.concierge.tracking.DeliveryAlerts.DeliveryException;

/**
 * Turns what happens to an order into notices for its customer, by the rules: placed,
 * shipped, late, in trouble, delivered; a change done or refused; a return received; a
 * refund on its way. Each notice's key names the one event it tells of.
 */
@Component
class OrderNotices {

	private final Notifier notifier;

	private final OrderManagement orders;

	private final MessageSource messages;

	OrderNotices(Notifier notifier, OrderManagement orders, MessageSource messages) {
		this.notifier = notifier;
		this.orders = orders;
		this.messages = messages;
	}

	@ApplicationModuleListener
	void on(OrderPlaced event) {
		tell("order.placed", "placed:" + event.order(), event.number(), event.occurredAt(),
				(locale) -> new Object[] { event.number() });
	}

	@ApplicationModuleListener
	void on(OrderShipped event) {
		tell("order.shipped", "shipped:" + event.shipment(), event.number(), event.occurredAt(),
				(locale) -> new Object[] { event.number(), event.carrier(),
						(event.promisedDelivery() != null)
								? text("notify.orderShipped.on", locale, day(event.promisedDelivery(), locale))
								: text("notify.orderShipped.soon", locale) });
	}

	@ApplicationModuleListener
	void on(DeliveryDelayPredicted event) {
		this.notifier.tell(new Notice("delivery.delay_predicted",
				"delay:" + event.orderNumber() + ":" + event.expected(), event.account(), event.customerEmail(),
				event.orderNumber(), event.occurredAt(), (locale) -> new Object[] { event.orderNumber(),
						day(event.promised(), locale), day(event.expected(), locale) }));
	}

	@ApplicationModuleListener
	void on(DeliveryException event) {
		this.notifier.tell(new Notice("delivery.exception",
				"problem:" + event.orderNumber() + ":" + event.cause() + ":" + event.occurredAt(), event.account(),
				event.customerEmail(), event.orderNumber(), event.occurredAt(), (locale) -> new Object[] {
						event.orderNumber(), text("notify.deliveryProblem." + event.cause(), locale) }));
	}

	@ApplicationModuleListener
	void on(OrderDelivered event) {
		tell("order.delivered", "delivered:" + event.order(), event.number(), event.occurredAt(),
				(locale) -> new Object[] { event.number() });
	}

	@ApplicationModuleListener
	void on(LinesCancelled event) {
		tell("order.lines_cancelled", "cancelled:" + event.change(), event.number(), event.occurredAt(),
				(locale) -> new Object[] { event.number(), (event.refund().signum() > 0)
						? text("notify.linesCancelled.refund", locale, money(event.refund(), event.currency(), locale))
						: "" });
	}

	@ApplicationModuleListener
	void on(AddressChanged event) {
		tell("order.address_changed", "address:" + event.change(), event.number(), event.occurredAt(),
				(locale) -> new Object[] { event.number(),
						String.join(", ", event.address().lineList()) + ", "
								+ ((event.address().postalCode() != null) ? event.address().postalCode() + " " : "")
								+ event.address().city() });
	}

	@ApplicationModuleListener
	void on(ReturnApproved event) {
		tell("order.return_approved", "return-approved:" + event.change(), event.number(), event.occurredAt(),
				(locale) -> new Object[] { event.number(), event.returnNumber() });
	}

	@ApplicationModuleListener
	void on(ReturnRejected event) {
		tell("order.return_rejected", "rejected:" + event.change(), event.number(), event.occurredAt(),
				(locale) -> new Object[] { event.number(), text("change.kind.RETURN", locale), event.reason() });
	}

	@ApplicationModuleListener
	void on(ChangeRejected event) {
		tell("order.change_rejected", "rejected:" + event.change(), event.number(), event.occurredAt(),
				(locale) -> new Object[] { event.number(), text("change.kind." + event.kind(), locale),
						event.reason() });
	}

	@ApplicationModuleListener
	void on(AddressChangeRefused event) {
		tell("order.address_change_refused", "address-refused:" + event.change(), event.number(), event.occurredAt(),
				(locale) -> new Object[] { event.number(),
						(event.reason() != null) ? event.reason() : text("notify.addressRefused.noReason", locale) });
	}

	@ApplicationModuleListener
	void on(ReturnStatusChanged event) {
		if (event.status() == ChangeStatus.RECEIVED) {
			tell("order.return_received", "return-received:" + event.change(), event.number(), event.occurredAt(),
					(locale) -> new Object[] { event.number(), event.returnNumber() });
		}
	}

	@ApplicationModuleListener
	void on(RefundDue event) {
		tell("order.refund_due", "refund:" + event.change(), event.number(), event.occurredAt(),
				(locale) -> new Object[] { event.number(), money(event.amount(), event.currency(), locale),
						text("change.destination." + event.destination(), locale) });
	}

	private void tell(String rule, String key, String number, java.time.Instant occurredAt,
			Function<Locale, Object[]> arguments) {
		OrderManagement.Recipient recipient = this.orders.recipient(number);
		UUID account = recipient.account();
		this.notifier.tell(new Notice(rule, key, account, recipient.email(), number, occurredAt, arguments));
	}

	private String text(String key, Locale locale, Object... arguments) {
		return this.messages.getMessage(key, arguments, locale);
	}

	private static String day(LocalDate date, Locale locale) {
		return DateTimeFormatter.ofLocalizedPattern("yMMMEd").withLocale(locale).format(date);
	}

	private static String money(BigDecimal amount, String currency, Locale locale) {
		NumberFormat format = NumberFormat.getCurrencyInstance(locale);
		format.setCurrency(Currency.getInstance(currency));
		return format.format(amount);
	}

}
