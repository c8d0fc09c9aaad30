package io.concierge.notifications;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.function.Function;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.concierge.orders.ChangeEvents.AddressChangeRefused;
import io.concierge.orders.ChangeEvents.ChangeRejected;
import io.concierge.orders.ChangeEvents.RefundDue;
import io.concierge.orders.ChangeEvents.ReturnApproved;
import io.concierge.orders.ChangeEvents.ReturnRejected;
import io.concierge.orders.OrderManagement;

/**
 * Tells customers what became of the changes they asked for, in their language, with a
 * link to the order: a return approved (with its label there), a request rejected and
 * why, a new address the warehouse could not take, a refund on its way.
 */
@Component
class ChangeMails {

	private final CustomerMails mails;

	private final OrderManagement orders;

	ChangeMails(CustomerMails mails, OrderManagement orders) {
		this.mails = mails;
		this.orders = orders;
	}

	@ApplicationModuleListener
	void on(ReturnApproved event) {
		send(event.number(), "mail.returnApproved", (locale) -> new Object[] { event.number(), event.returnNumber() });
	}

	@ApplicationModuleListener
	void on(ReturnRejected event) {
		send(event.number(), "mail.changeRejected",
				(locale) -> new Object[] { event.number(), text("change.kind.RETURN", locale), event.reason() });
	}

	@ApplicationModuleListener
	void on(ChangeRejected event) {
		send(event.number(), "mail.changeRejected", (locale) -> new Object[] { event.number(),
				text("change.kind." + event.kind(), locale), event.reason() });
	}

	@ApplicationModuleListener
	void on(AddressChangeRefused event) {
		send(event.number(), "mail.addressRefused", (locale) -> new Object[] { event.number(),
				(event.reason() != null) ? event.reason() : text("mail.addressRefused.noReason", locale) });
	}

	@ApplicationModuleListener
	void on(RefundDue event) {
		send(event.number(), "mail.refundDue",
				(locale) -> new Object[] { event.number(), money(event.amount(), event.currency(), locale),
						text("change.destination." + event.destination(), locale) });
	}

	private void send(String number, String key, Function<Locale, Object[]> arguments) {
		OrderManagement.Recipient recipient = this.orders.recipient(number);
		this.mails.send(recipient.account(), recipient.email(), number, key, arguments);
	}

	private String text(String key, Locale locale) {
		return this.mails.text(key, locale);
	}

	private static String money(BigDecimal amount, String currency, Locale locale) {
		NumberFormat format = NumberFormat.getCurrencyInstance(locale);
		format.setCurrency(Currency.getInstance(currency));
		return format.format(amount);
	}

}
