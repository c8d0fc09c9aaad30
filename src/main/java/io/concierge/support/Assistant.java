package io.concierge.support;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

import io.concierge.billing.Billing;
import io.concierge.identity.Caller;
import io.concierge.orders.OrderDetails;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.OrderQueries;

/**
 * The assistant: answers the common questions from the caller's own orders and invoices
 * and from the knowledge base, and links to the flows that act (cancelling, returning,
 * changing an address, the second factor), which ask the customer to confirm there; it
 * never acts itself. Every order or invoice it names is read through the caller's scope,
 * so whatever the message says, it cannot reveal another customer's.
 */
@Service
public class Assistant {

	private final IntentClassifier classifier = new IntentClassifier();

	private final OrderQueries orders;

	private final OrderManagement management;

	private final Billing billing;

	private final OrderStates states;

	private final KnowledgeBase knowledgeBase;

	private final MessageSource messages;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Assistant(OrderQueries orders, OrderManagement management, Billing billing, OrderStates states,
			KnowledgeBase knowledgeBase, MessageSource messages, ApplicationEventPublisher events, Clock clock) {
		this.orders = orders;
		this.management = management;
		this.billing = billing;
		this.states = states;
		this.knowledgeBase = knowledgeBase;
		this.messages = messages;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * A link the answer offers.
	 */
	public record Link(String label, String href) {
	}

	/**
	 * @param handover whether it offers a ticket with the conversation attached
	 */
	public record Answer(String intent, String text, List<Link> links, boolean handover) {
	}

	/**
	 * The answer to one question; its intent and whether it hands over to a ticket are
	 * announced (outside any transaction), the question is not.
	 */
	public Answer answer(Caller caller, String question, Locale locale, ZoneId zone) {
		Answer answer = answerOf(caller, question, locale, zone);
		this.events.publishEvent(new SupportEvents.AssistantAnswered(answer.intent(), answer.handover(),
				caller.account(), this.clock.instant()));
		return answer;
	}

	private Answer answerOf(Caller caller, String question, Locale locale, ZoneId zone) {
		String text = (question.length() > 500) ? question.substring(0, 500) : question;
		Intent intent = this.classifier.classify(text).intent();
		Entities entities = Entities.in(text, LocalDate.now(zone));
		return switch (intent) {
			case WHERE_IS_MY_ORDER, WHEN_WILL_IT_ARRIVE -> order(caller, entities, intent, locale, zone,
					(order) -> new Answer(intent.name(), this.states.describe(order, locale, zone), List
						.of(link("support.assistant.link.order", locale, "/orders/" + order.number(), order.number())),
							false));
			case CANCEL_ORDER -> order(caller, entities, intent, locale, zone, (order) -> flow(intent,
					"support.assistant.cancel", "/orders/" + order.number() + "/cancel", order, locale));
			case RETURN_ITEM -> order(caller, entities, intent, locale, zone, (order) -> flow(intent,
					"support.assistant.return", "/orders/" + order.number() + "/return", order, locale));
			case CHANGE_ADDRESS -> order(caller, entities, intent, locale, zone, (order) -> flow(intent,
					"support.assistant.address", "/orders/" + order.number() + "/address", order, locale));
			case GET_INVOICE -> invoice(caller, entities, locale);
			case RESET_SECOND_FACTOR -> new Answer(intent.name(), message("support.assistant.secondFactor", locale),
					List.of(link("support.assistant.link.security", locale, "/account/security"),
							link("support.assistant.link.article", locale, "/help/reset-second-factor")),
					false);
			case TALK_TO_AGENT ->
				new Answer(intent.name(), message("support.assistant.agent", locale), List.of(), true);
			case GREETING -> new Answer(intent.name(), message("support.assistant.greeting", locale), List.of(), false);
			case UNKNOWN -> articles(text, locale);
		};
	}

	private Answer order(Caller caller, Entities entities, Intent intent, Locale locale, ZoneId zone,
			java.util.function.Function<OrderDetails, Answer> answer) {
		if (!entities.orderNumbers().isEmpty()) {
			String number = entities.orderNumbers().getFirst();
			return this.orders.find(caller, number)
				.map(answer)
				.orElseGet(() -> new Answer(intent.name(), message("support.assistant.unknownOrder", locale, number),
						List.of(link("support.assistant.link.orders", locale, "/orders")), false));
		}
		Optional<OrderDetails> newest = this.management.newest(caller.account(), caller.organisation(), 1)
			.stream()
			.findFirst()
			.flatMap((number) -> this.orders.find(caller, number));
		return newest.map(answer)
			.map((found) -> new Answer(found.intent(), message("support.assistant.newest", locale) + " " + found.text(),
					found.links(), found.handover()))
			.orElseGet(
					() -> new Answer(intent.name(), message("support.assistant.noOrders", locale), List.of(), false));
	}

	private Answer flow(Intent intent, String key, String href, OrderDetails order, Locale locale) {
		return new Answer(intent.name(), message(key, locale, order.number()),
				List.of(link(key + ".link", locale, href, order.number())), false);
	}

	private Answer invoice(Caller caller, Entities entities, Locale locale) {
		if (!Billing.mayBill(caller)) {
			return new Answer(Intent.GET_INVOICE.name(), message("support.assistant.noBilling", locale), List.of(),
					false);
		}
		List<Link> links = new ArrayList<>();
		for (String number : entities.invoiceNumbers()) {
			this.billing.summary(caller, number)
				.ifPresent((invoice) -> links.add(link("support.assistant.link.invoice", locale,
						"/billing/" + invoice.number(), invoice.number())));
		}
		for (String order : entities.orderNumbers()) {
			for (Billing.OrderDocument document : this.billing.ofOrder(caller, order)) {
				links.add(link("support.assistant.link.invoice", locale, "/billing/" + document.summary().number(),
						document.summary().number()));
			}
		}
		if (links.isEmpty()) {
			return new Answer(Intent.GET_INVOICE.name(), message("support.assistant.invoices", locale),
					List.of(link("support.assistant.link.billing", locale, "/billing")), false);
		}
		return new Answer(Intent.GET_INVOICE.name(), message("support.assistant.invoiceFound", locale), links, false);
	}

	private Answer articles(String text, Locale locale) {
		List<KnowledgeBase.Hit> hits = this.knowledgeBase.suggest(text, locale.getLanguage(), 3);
		if (hits.isEmpty()) {
			return new Answer(Intent.UNKNOWN.name(), message("support.assistant.unknown", locale), List.of(), true);
		}
		return new Answer(Intent.UNKNOWN.name(), message("support.assistant.articles", locale),
				hits.stream().map((hit) -> new Link(hit.title(), "/help/" + hit.slug())).toList(), true);
	}

	private Link link(String key, Locale locale, String href, Object... arguments) {
		return new Link(message(key, locale, arguments), href);
	}

	private String message(String key, Locale locale, @Nullable Object... arguments) {
		return this.messages.getMessage(key, arguments, locale);
	}

}
