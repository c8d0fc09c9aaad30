package io.concierge.notifications;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import io.concierge.identity.AccountView;
import io.concierge.identity.Accounts;
import io.concierge.shared.EmailAddress;
import io.concierge.tracking.DeliveryAlerts.DeliveryDelayPredicted;
import io.concierge.tracking.DeliveryAlerts.DeliveryException;

/**
 * Tells a customer about a delay or a problem with a parcel, in their language, with a
 * link to the order (for a guest, to the tracking page). A company's order without a
 * buyer's account is not mailed: operations see it marked.
 */
@Component
class DeliveryMails {

	private final MailOutbox outbox;

	private final MessageSource messages;

	private final Accounts accounts;

	private final String baseUrl;

	DeliveryMails(MailOutbox outbox, MessageSource messages, Accounts accounts,
			@Value("${concierge.base-url:}") String baseUrl, @Value("${server.port:8080}") int port) {
		this.outbox = outbox;
		this.messages = messages;
		this.accounts = accounts;
		this.baseUrl = StringUtils.hasText(baseUrl) ? baseUrl.replaceAll("/$", "") : "http://localhost:" + port;
	}

	@ApplicationModuleListener
	void on(DeliveryDelayPredicted event) {
		send(event.account(), event.customerEmail(), event.orderNumber(), "mail.deliveryDelay",
				(locale) -> new Object[] { event.orderNumber(), day(event.promised(), locale),
						day(event.expected(), locale) });
	}

	@ApplicationModuleListener
	void on(DeliveryException event) {
		send(event.account(), event.customerEmail(), event.orderNumber(), "mail.deliveryProblem",
				(locale) -> new Object[] { event.orderNumber(),
						this.messages.getMessage("mail.deliveryProblem." + event.cause(), null, locale) });
	}

	private void send(@Nullable UUID account, @Nullable String guestEmail, String orderNumber, String key,
			java.util.function.Function<Locale, Object[]> arguments) {
		AccountView customer = (account != null) ? this.accounts.find(account).orElse(null) : null;
		EmailAddress to = (customer != null) ? customer.email()
				: (guestEmail != null) ? EmailAddress.of(guestEmail) : null;
		if (to == null) {
			return;
		}
		Locale locale = Locale.of((customer != null && customer.language() != null) ? customer.language() : "en");
		String link = this.baseUrl + ((customer != null) ? "/orders/" + orderNumber : "/track");
		Object[] values = arguments.apply(locale);
		Object[] withLink = java.util.Arrays.copyOf(values, values.length + 1);
		withLink[values.length] = link;
		this.outbox.send(to, this.messages.getMessage(key + ".subject", withLink, locale),
				this.messages.getMessage(key + ".body", withLink, locale));
	}

	private static String day(java.time.LocalDate date, Locale locale) {
		return DateTimeFormatter.ofLocalizedPattern("yMMMEd").withLocale(locale).format(date);
	}

}
