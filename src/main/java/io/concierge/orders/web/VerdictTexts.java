package io.concierge.orders.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import io.concierge.orders.Channel;
import io.concierge.orders.LineStatus;
import io.concierge.orders.Verdict;

/**
 * Puts the change policy's verdicts and the problems of a change into the reader's words;
 * templates call it as {@code @verdicts}.
 */
@Component("verdicts")
class VerdictTexts {

	private final MessageSource messages;

	VerdictTexts(MessageSource messages) {
		this.messages = messages;
	}

	public String explain(Verdict verdict) {
		return text(verdict.messageKey(), verdict.arguments());
	}

	public String text(String key, List<Object> arguments) {
		Locale locale = LocaleContextHolder.getLocale();
		Object[] words = arguments.stream().map((argument) -> word(argument, locale)).toArray();
		return this.messages.getMessage(key, words, key, locale);
	}

	private Object word(Object argument, Locale locale) {
		return switch (argument) {
			case LineStatus stage -> this.messages.getMessage("policy.stage." + stage.name(), null, locale);
			case Channel channel -> this.messages.getMessage("order.channel." + channel.name(), null, locale);
			case LocalDate date -> DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(date);
			case Enum<?> other -> this.messages.getMessage("change.status." + other.name(), null, other.name(), locale);
			default -> argument;
		};
	}

}
