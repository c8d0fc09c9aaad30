package io.concierge.notifications;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.concierge.tracking.DeliveryAlerts.DeliveryDelayPredicted;
import io.concierge.tracking.DeliveryAlerts.DeliveryException;

/**
 * Tells a customer about a delay or a problem with a parcel, in their language, with a
 * link to the order (for a guest, to the tracking page). A company's order without a
 * buyer's account is not mailed: operations see it marked.
 */
@Component
class DeliveryMails {

	private final CustomerMails mails;

	DeliveryMails(CustomerMails mails) {
		this.mails = mails;
	}

	@ApplicationModuleListener
	void on(DeliveryDelayPredicted event) {
		this.mails.send(event.account(), event.customerEmail(), event.orderNumber(), "mail.deliveryDelay",
				(locale) -> new Object[] { event.orderNumber(), day(event.promised(), locale),
						day(event.expected(), locale) });
	}

	@ApplicationModuleListener
	void on(DeliveryException event) {
		this.mails.send(event.account(), event.customerEmail(), event.orderNumber(), "mail.deliveryProblem",
				(locale) -> new Object[] { event.orderNumber(),
						this.mails.text("mail.deliveryProblem." + event.cause(), locale) });
	}

	private static String day(java.time.LocalDate date, Locale locale) {
		return DateTimeFormatter.ofLocalizedPattern("yMMMEd").withLocale(locale).format(date);
	}

}
