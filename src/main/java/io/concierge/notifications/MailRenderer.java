package io.concierge.notifications;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Renders a notification mail twice, as plain text and as HTML (the template
 * {@code notifications/mail}), from the same words: a greeting, the paragraphs, a link to
 * act on, and a footer saying why it came and how to stop it.
 */
@Component
class MailRenderer {

	/**
	 * @param greeting the reader's name, or {@code null} for a guest
	 * @param paragraphs the message, a paragraph each
	 * @param actionLabel what the link leads to ("See your order")
	 * @param settings the reader's notification settings page, or {@code null} for a
	 * guest
	 * @param unsubscribe the one-click unsubscribe page, or {@code null} when there is
	 * none
	 */
	record Mail(@Nullable String greeting, List<String> paragraphs, String actionLabel, String action,
			@Nullable String settings, @Nullable String unsubscribe) {

	}

	private final ITemplateEngine templates;

	private final MessageSource messages;

	MailRenderer(ITemplateEngine templates, MessageSource messages) {
		this.templates = templates;
		this.messages = messages;
	}

	String text(Mail mail, Locale locale) {
		StringBuilder text = new StringBuilder();
		text.append(greeting(mail, locale)).append("\n\n");
		mail.paragraphs().forEach((paragraph) -> text.append(paragraph).append("\n\n"));
		text.append(mail.actionLabel()).append(":\n").append(mail.action()).append("\n\n-- \n");
		text.append(message("notify.mail.why", locale)).append('\n');
		if (mail.settings() != null) {
			text.append(message("notify.mail.settings", locale)).append(": ").append(mail.settings()).append('\n');
		}
		if (mail.unsubscribe() != null) {
			text.append(message("notify.mail.unsubscribe", locale))
				.append(": ")
				.append(mail.unsubscribe())
				.append('\n');
		}
		return text.toString();
	}

	String html(Mail mail, String subject, Locale locale) {
		Context context = new Context(locale);
		context.setVariable("subject", subject);
		context.setVariable("greeting", greeting(mail, locale));
		context.setVariable("mail", mail);
		return this.templates.process("notifications/mail", context);
	}

	/**
	 * The message's paragraphs: its text split where it has an empty line.
	 */
	static List<String> paragraphs(String body) {
		return Arrays.stream(body.split("\\n\\s*\\n")).map(String::strip).filter((part) -> !part.isEmpty()).toList();
	}

	private String greeting(Mail mail, Locale locale) {
		return (mail.greeting() != null) ? message("notify.mail.greeting", locale, mail.greeting())
				: message("notify.mail.greetingGuest", locale);
	}

	private String message(String key, Locale locale, Object... arguments) {
		return this.messages.getMessage(key, arguments, locale);
	}

}
