package io.concierge.notifications;

import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import io.concierge.identity.AccountView;
import io.concierge.identity.Accounts;
import io.concierge.shared.EmailAddress;

/**
 * Mails a customer about one of their orders: to their account's address in its language
 * with a link to the order, or to a guest's address in English with a link to the
 * tracking page. Nobody to write to, nothing sent.
 */
@Component
class CustomerMails {

	private final MailOutbox outbox;

	private final MessageSource messages;

	private final Accounts accounts;

	private final String baseUrl;

	CustomerMails(MailOutbox outbox, MessageSource messages, Accounts accounts,
			@Value("${concierge.base-url:}") String baseUrl, @Value("${server.port:8080}") int port) {
		this.outbox = outbox;
		this.messages = messages;
		this.accounts = accounts;
		this.baseUrl = StringUtils.hasText(baseUrl) ? baseUrl.replaceAll("/$", "") : "http://localhost:" + port;
	}

	/**
	 * @param key the message key of the subject ({@code key.subject}) and the body
	 * ({@code key.body}); their last argument is the link
	 * @param arguments the other arguments, in the customer's language
	 */
	void send(@Nullable UUID account, @Nullable String guestEmail, String orderNumber, String key,
			Function<Locale, Object[]> arguments) {
		AccountView customer = (account != null) ? this.accounts.find(account).orElse(null) : null;
		EmailAddress to = (customer != null) ? customer.email()
				: (guestEmail != null) ? EmailAddress.of(guestEmail) : null;
		if (to == null) {
			return;
		}
		Locale locale = Locale.of((customer != null && customer.language() != null) ? customer.language() : "en");
		Object[] values = arguments.apply(locale);
		Object[] withLink = Arrays.copyOf(values, values.length + 1);
		withLink[values.length] = this.baseUrl + ((customer != null) ? "/orders/" + orderNumber : "/track");
		this.outbox.send(to, this.messages.getMessage(key + ".subject", withLink, locale),
				this.messages.getMessage(key + ".body", withLink, locale));
	}

	String text(String key, Locale locale) {
		return this.messages.getMessage(key, null, locale);
	}

}
