package io.concierge.support;

import java.security.Principal;
import java.util.List;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import io.concierge.identity.AccountView;
import io.concierge.identity.Accounts;
import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.orders.OrderManagement;
import io.concierge.shared.DemoData;
import io.concierge.shared.EmailAddress;

/**
 * The demo's support: two requests of the demo customer in the queue, one already
 * answered by the demo agent (off with {@code concierge.support.demo=false}); and, for
 * the benchmark, {@code concierge.demo.bench-articles} generated articles.
 */
@Component
class SupportDemo implements DemoData {

	private static final Logger log = LoggerFactory.getLogger(SupportDemo.class);

	private final Tickets tickets;

	private final Accounts accounts;

	private final Callers callers;

	private final OrderManagement orders;

	private final boolean enabled;

	SupportDemo(Tickets tickets, Accounts accounts, Callers callers, OrderManagement orders,
			@Value("${concierge.support.demo:true}") boolean enabled) {
		this.tickets = tickets;
		this.accounts = accounts;
		this.callers = callers;
		this.orders = orders;
		this.enabled = enabled;
	}

	@Override
	public String name() {
		return "support.tickets";
	}

	@Override
	public int order() {
		return 60;
	}

	@Override
	public void seed() {
		if (!this.enabled) {
			return;
		}
		Caller alex = this.callers.of((Principal) () -> "alex.morgan@example.com");
		AccountView sam = this.accounts.findByEmail(EmailAddress.of("agent@concierge.example")).orElseThrow();
		List<String> newest = this.orders.newest(alex.account(), null, 2);
		Ticket late = this.tickets.open(alex,
				new Tickets.NewTicket("Is my parcel stuck?", "The tracking has not moved since yesterday.",
						TicketCategory.DELIVERY, newest.isEmpty() ? null : "ORDER",
						newest.isEmpty() ? null : newest.getFirst(), null, null, null),
				"WEB");
		this.tickets.answer(sam, late.number(),
				"It is in the carrier's hub and moves on tonight; you can follow it live on the order page.", false);
		this.tickets.open(alex, new Tickets.NewTicket("Invoice address", "Can the invoice show my company's name?",
				TicketCategory.BILLING, null, null, null, null, null), "WEB");
	}

	/**
	 * The benchmark's knowledge base: articles made of the help centre's words, in both
	 * languages, once per database.
	 */
	@Configuration(proxyBeanMethods = false)
	static class BenchArticles {

		private static final List<String> WORDS = List.of("parcel", "delivery", "return", "refund", "invoice",
				"address", "order", "cancel", "carrier", "tracking", "label", "payment", "account", "password",
				"authenticator", "warehouse", "damaged", "missing", "late", "exchange", "voucher", "discount", "size",
				"colour", "gift", "wrapping", "customs", "duty", "pickup", "locker", "weekend", "holiday", "express",
				"standard", "company", "statement", "credit", "note", "bank", "card");

		@Bean
		DemoData benchArticles(KnowledgeBase knowledgeBase,
				org.springframework.transaction.PlatformTransactionManager transactions,
				@Value("${concierge.demo.bench-articles:0}") int count) {
			return new DemoData() {

				@Override
				public String name() {
					return "support.bench-articles-" + count;
				}

				@Override
				public int order() {
					return 61;
				}

				@Override
				public void seed() {
					if (count <= 0) {
						return;
					}
					// each article in its own transaction, outside the seeding's
					var apart = new org.springframework.transaction.support.TransactionTemplate(transactions);
					apart.setPropagationBehavior(
							org.springframework.transaction.TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
					apart.executeWithoutResult((status) -> write(knowledgeBase));
				}

				private void write(KnowledgeBase knowledgeBase) {
					Random random = new Random(42);
					long started = System.nanoTime();
					for (int i = 0; i < count; i++) {
						String locale = (i % 2 == 0) ? "en" : "de";
						StringBuilder body = new StringBuilder();
						for (int word = 0; word < 120; word++) {
							body.append(WORDS.get(random.nextInt(WORDS.size())))
								.append((word % 12 == 11) ? ".\n" : " ");
						}
						String title = WORDS.get(random.nextInt(WORDS.size())) + " and "
								+ WORDS.get(random.nextInt(WORDS.size())) + " " + i;
						knowledgeBase.save(new KnowledgeBase.Draft("bench-" + i, locale, "Benchmark", title,
								body.toString(), List.of(), true), null);
					}
					log.info("Wrote {} articles for the benchmark in {} ms", count,
							(System.nanoTime() - started) / 1_000_000);
				}

			};
		}

	}

}
