package io.concierge.notifications;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.function.Function;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import io.concierge.identity.AccountView;
import io.concierge.identity.Accounts;
import io.concierge.orders.ChangeEvents.AddressChangeRefused;
import io.concierge.orders.ChangeEvents.ChangeRejected;
import io.concierge.orders.ChangeEvents.RefundDue;
import io.concierge.orders.ChangeEvents.ReturnApproved;
import io.concierge.orders.ChangeEvents.ReturnRejected;
import io.concierge.orders.OrderManagement;
import io.concierge.shared.EmailAddress;

/**
 * Tells customers what became of the changes they asked for, in their language, with a
 * link to the order: a return approved (with its label there), a request rejected and
 * why, a new address the warehouse could not take, a refund on its way.
 */
@Component
class ChangeMails {

	private final MailOutbox outbox;

	private final MessageSource messages;

	private final Accounts accounts;

	private final OrderManagement orders;

	private final String baseUrl;

	ChangeMails(MailOutbox outbox, MessageSource messages, Accounts accounts, OrderManagement orders,
			@Value("${concierge.base-url:}") String baseUrl, @Value("${server.port:8080}") int port) {
		this.outbox = outbox;
		this.messages = messages;
		this.accounts = accounts;
		this.orders = orders;
		this.baseUrl = StringUtils.hasText(baseUrl) ? baseUrl.replaceAll("/$", "") : "http://localhost:" + port;
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
		AccountView customer = (recipient.account() != null) ? this.accounts.find(recipient.account()).orElse(null)
				: null;
		EmailAddress to = (customer != null) ? customer.email()
				: (recipient.email() != null) ? EmailAddress.of(recipient.email()) : null;
		if (to == null) {
			return;
		}
		Locale locale = Locale.of((customer != null && customer.language() != null) ? customer.language() : "en");
		Object[] values = arguments.apply(locale);
		Object[] withLink = java.util.Arrays.copyOf(values, values.length + 1);
		withLink[values.length] = this.baseUrl + ((customer != null) ? "/orders/" + number : "/track");
		this.outbox.send(to, this.messages.getMessage(key + ".subject", withLink, locale),
				this.messages.getMessage(key + ".body", withLink, locale));
	}

	private String text(String key, Locale locale) {
		return this.messages.getMessage(key, null, locale);
	}

	private static String money(BigDecimal amount, String currency, Locale locale) {
		NumberFormat format = NumberFormat.getCurrencyInstance(locale);
		format.setCurrency(Currency.getInstance(currency));
		return format.format(amount);
	}

}
