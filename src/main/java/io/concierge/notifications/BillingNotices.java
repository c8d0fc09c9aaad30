package io.concierge.notifications;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.concierge.billing.BillingEvents.CreditNoteIssued;
import io.concierge.billing.BillingEvents.ForCustomer;
import io.concierge.billing.BillingEvents.InvoiceIssued;
import io.concierge.billing.BillingEvents.InvoiceReminder;
import io.concierge.billing.BillingEvents.InvoiceResent;
import io.concierge.billing.BillingEvents.PaymentSettled;

/**
 * Tells customers what billing did: each with a link to the invoice's page, where its PDF
 * is.
 */
@Component
class BillingNotices {

	private final Notifier notifier;

	BillingNotices(Notifier notifier) {
		this.notifier = notifier;
	}

	@ApplicationModuleListener
	void on(InvoiceIssued event) {
		tell("invoice.issued", "invoice:" + event.invoice(), event, (locale) -> new Object[] { event.number(),
				event.orderNumber(), money(event.total(), event.currency(), locale), day(event.dueOn(), locale) });
	}

	@ApplicationModuleListener
	void on(CreditNoteIssued event) {
		tell("invoice.credit_note_issued", "credit-note:" + event.creditNote(), event,
				(locale) -> new Object[] { event.number(), event.orderNumber(),
						money(event.total(), event.currency(), locale), event.corrects() });
	}

	@ApplicationModuleListener
	void on(PaymentSettled event) {
		tell("REFUND".equals(event.kind()) ? "refund.paid" : "payment.settled", "payment:" + event.payment(), event,
				(locale) -> new Object[] { event.number(), event.orderNumber(),
						money(event.amount(), event.currency(), locale) });
	}

	@ApplicationModuleListener
	void on(InvoiceReminder event) {
		tell("overdue".equals(event.stage()) ? "invoice.overdue" : "invoice.due_soon",
				"reminder:" + event.stage() + ":" + event.number(), event,
				(locale) -> new Object[] { event.number(), event.orderNumber(),
						money(event.open(), event.currency(), locale), day(event.dueOn(), locale) });
	}

	@ApplicationModuleListener
	void on(InvoiceResent event) {
		tell("invoice.resent", "resent:" + event.number() + ":" + event.occurredAt().toEpochMilli(), event,
				(locale) -> new Object[] { event.number(), event.orderNumber() });
	}

	private void tell(String rule, String key, ForCustomer event,
			java.util.function.Function<Locale, Object[]> arguments) {
		this.notifier.tell(new Notice(rule, key, event.account(), event.email(), event.orderNumber(),
				event.occurredAt(), arguments, "/billing/" + event.number()));
	}

	private static String day(LocalDate date, Locale locale) {
		return DateTimeFormatter.ofLocalizedPattern("yMMMd").withLocale(locale).format(date);
	}

	private static String money(BigDecimal amount, String currency, Locale locale) {
		NumberFormat format = NumberFormat.getCurrencyInstance(locale);
		format.setCurrency(Currency.getInstance(currency));
		return format.format(amount);
	}

}
