package io.concierge.billing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.billing.BillingEvents.PaymentSettled;
import io.concierge.billing.Invoice.Kind;
import io.concierge.billing.PaymentProvider.WebhookRefused;
import io.concierge.identity.Caller;
import io.concierge.shared.NotFound;

/**
 * Paying invoices and paying refunds out, through the configured provider. A payment is
 * settled only by the provider's signed webhook, once: a webhook for an unknown or
 * settled payment changes nothing, and one that does not match its payment is refused.
 */
@Service
public class Payments {

	private static final Logger logger = LoggerFactory.getLogger(Payments.class);

	private final JdbcClient jdbc;

	private final Billing billing;

	private final Invoices invoices;

	private final Map<String, PaymentProvider> providers;

	private final PaymentProvider provider;

	private final BillingAudit audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Payments(JdbcClient jdbc, Billing billing, Invoices invoices, List<PaymentProvider> providers,
			BillingSettings settings, BillingAudit audit, ApplicationEventPublisher events, Clock clock,
			@Value("${concierge.demo.enabled:false}") boolean demo) {
		this.jdbc = jdbc;
		this.billing = billing;
		this.invoices = invoices;
		this.providers = providers.stream().collect(Collectors.toMap(PaymentProvider::name, Function.identity()));
		String name = providerName(settings.provider(), demo);
		this.provider = this.providers.get(name);
		if (this.provider == null) {
			throw new IllegalStateException(
					"concierge.billing.provider=" + name + " is not configured; known: " + this.providers.keySet());
		}
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The provider that takes the payments: the configured one; the sandbox, which takes
	 * test card numbers, only in the demo when none is.
	 */
	static String providerName(@Nullable String configured, boolean demo) {
		if (configured != null && !configured.isBlank()) {
			return configured.strip();
		}
		if (!demo) {
			throw new IllegalStateException("Set CONCIERGE_BILLING_PROVIDER (concierge.billing.provider) to stripe, "
					+ "or to sandbox to take test payments only: only the demo takes the sandbox unasked.");
		}
		return SandboxProvider.NAME;
	}

	/**
	 * A payment started: where the customer pays it.
	 */
	public record Started(UUID payment, String checkoutUrl) {

	}

	/**
	 * Starts paying what is open on one of the caller's invoices; a second start within
	 * the hour goes to the same checkout.
	 * @param amount what the caller means to pay, if they say; it must be what is open
	 * @param currency the currency they mean to pay in, if they say
	 * @param returnUrl where the provider sends them back
	 * @throws NotFound when the invoice is not the caller's (which is audited)
	 * @throws InvalidPayment when it is settled, a credit note, or the amount or currency
	 * differ
	 */
	@Transactional
	public Started start(Caller caller, String number, @Nullable BigDecimal amount, @Nullable String currency,
			String actor, String origin, String returnUrl) {
		Billing.Summary invoice = this.billing.summary(caller, number).orElseThrow(() -> {
			this.audit.refused(actor, number, "not the caller's invoice", origin);
			return new NotFound("invoice " + number);
		});
		if (invoice.kind() != Kind.INVOICE) {
			throw new InvalidPayment("creditNote", number);
		}
		if (invoice.open().signum() <= 0) {
			throw new InvalidPayment("settled", number);
		}
		if (currency != null && !currency.equals(invoice.currency())) {
			this.audit.refused(actor, number, "currency " + currency + " instead of " + invoice.currency(), origin);
			throw new InvalidPayment("currency", currency, invoice.currency());
		}
		if (amount != null && amount.compareTo(invoice.open()) != 0) {
			this.audit.refused(actor, number,
					"amount " + amount.toPlainString() + " instead of " + invoice.open().toPlainString(), origin);
			throw new InvalidPayment("amount", amount.toPlainString() + " " + invoice.currency(),
					invoice.open().toPlainString() + " " + invoice.currency());
		}
		Instant now = this.clock.instant();
		Optional<Started> pending = this.jdbc.sql("""
				select id, checkout_url from payment
				where invoice_id = ? and kind = 'PAYMENT' and status = 'PENDING' and provider = ? and amount = ?
				  and checkout_url is not null and created_at > ?
				order by created_at desc limit 1""")
			.params(invoice.id(), this.provider.name(), invoice.open(),
					now.minus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC))
			.query((rs, n) -> new Started(rs.getObject("id", UUID.class), rs.getString("checkout_url")))
			.optional();
		if (pending.isPresent()) {
			return pending.get();
		}
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into payment (id, kind, invoice_id, provider, idempotency_key, amount, currency, status,
				  created_by, created_at) values (?, 'PAYMENT', ?, ?, ?, ?, ?, 'PENDING', ?, ?)""")
			.params(id, invoice.id(), this.provider.name(), "pay-" + id, invoice.open(), invoice.currency(), actor,
					now.atOffset(ZoneOffset.UTC))
			.update();
		PaymentProvider.Checkout checkout = this.provider.checkout(invoice.open(), invoice.currency(),
				"Invoice " + number, returnUrl + "?payment=" + id, "pay-" + id);
		this.jdbc.sql("update payment set provider_reference = ?, checkout_url = ? where id = ?")
			.params(checkout.reference(), checkout.url(), id)
			.update();
		return new Started(id, checkout.url());
	}

	/**
	 * What a webhook did.
	 */
	public enum Outcome {

		SETTLED, FAILED, ALREADY_SETTLED, UNKNOWN, IGNORED

	}

	/**
	 * Acts on a provider's webhook.
	 * @throws NotFound for a provider that is not configured
	 * @throws WebhookRefused when it is forged, replayed or unreadable (audited)
	 * @throws InvalidPayment when its amount or currency differ from its payment's
	 * (audited)
	 */
	@Transactional
	public Outcome webhook(String providerName, String payload, Map<String, String> headers, String origin) {
		PaymentProvider source = this.providers.get(providerName);
		if (source == null) {
			throw new NotFound("payment provider " + providerName);
		}
		PaymentProvider.Event event;
		try {
			event = source.verify(payload, headers);
		}
		catch (WebhookRefused ex) {
			this.audit.refused(providerName, "webhook", ex.getMessage(), origin);
			throw ex;
		}
		if ("IGNORED".equals(event.type())) {
			return Outcome.IGNORED;
		}
		Optional<Pending> found = this.jdbc.sql("""
				select p.id, p.amount, p.currency, p.status, p.kind, i.number, i.order_number, i.account_id,
				  i.buyer_email
				from payment p join invoice i on i.id = p.invoice_id
				where p.provider = ? and p.provider_reference = ? for update of p""")
			.params(providerName, event.reference())
			.query((rs, n) -> new Pending(rs.getObject("id", UUID.class), rs.getBigDecimal("amount"),
					rs.getString("currency"), rs.getString("status"), rs.getString("kind"), rs.getString("number"),
					rs.getString("order_number"), rs.getObject("account_id", UUID.class), rs.getString("buyer_email")))
			.optional();
		if (found.isEmpty()) {
			logger.info("Webhook {} from {} is for a checkout Concierge does not know ({}): no effect", event.id(),
					providerName, event.reference());
			return Outcome.UNKNOWN;
		}
		Pending payment = found.get();
		if (!"PENDING".equals(payment.status())) {
			logger.info("Webhook {} from {} is for payment {}, {} already: no effect", event.id(), providerName,
					payment.id(), payment.status());
			return Outcome.ALREADY_SETTLED;
		}
		Instant now = this.clock.instant();
		if ("FAILED".equals(event.type())) {
			this.jdbc.sql("update payment set status = 'FAILED', failure = ?, settled_at = ? where id = ?")
				.params("The provider reported the payment failed", now.atOffset(ZoneOffset.UTC), payment.id())
				.update();
			return Outcome.FAILED;
		}
		if (!event.currency().equals(payment.currency()) || event.amount().compareTo(payment.amount()) != 0) {
			this.audit.refused(providerName, payment.number(),
					"webhook " + event.id() + " pays " + event.amount().toPlainString() + " " + event.currency()
							+ " for a payment of " + payment.amount().toPlainString() + " " + payment.currency(),
					origin);
			throw new InvalidPayment("mismatch", event.amount().toPlainString() + " " + event.currency(),
					payment.amount().toPlainString() + " " + payment.currency());
		}
		this.jdbc.sql("update payment set status = 'SUCCEEDED', provider_payment = ?, settled_at = ? where id = ?")
			.params(event.payment(), now.atOffset(ZoneOffset.UTC), payment.id())
			.update();
		this.events
			.publishEvent(new PaymentSettled(payment.id(), payment.kind(), payment.number(), payment.orderNumber(),
					payment.account(), payment.email(), payment.amount(), payment.currency(), providerName, now));
		return Outcome.SETTLED;
	}

	private record Pending(UUID id, BigDecimal amount, String currency, String status, String kind, String number,
			String orderNumber, @Nullable UUID account, @Nullable String email) {

	}

	/**
	 * Pays a credit note out to the method its invoice was paid with in the portal, at
	 * most what was paid there; once, whatever is replayed. A credit note for an invoice
	 * paid elsewhere (at the channel's checkout) stays credited to the account.
	 * @return the refund's amount, or empty when nothing was paid out
	 */
	@Transactional
	public Optional<BigDecimal> refund(UUID creditNote) {
		Invoice note = this.invoices.find(creditNote).orElseThrow();
		if (note.kind() != Kind.CREDIT_NOTE || note.corrects() == null) {
			return Optional.empty();
		}
		Optional<Map<String, Object>> paid = this.jdbc.sql("""
				select p.provider, p.provider_payment, p.amount,
				  p.amount - coalesce((select sum(r.amount) from payment r join invoice c on c.id = r.invoice_id
				    where c.corrects = i.id and r.kind = 'REFUND' and r.status <> 'FAILED'), 0) as left
				from payment p join invoice i on i.id = p.invoice_id
				where i.number = ? and p.kind = 'PAYMENT' and p.status = 'SUCCEEDED' and p.provider_payment is not null
				order by p.settled_at limit 1""")
			.param(note.corrects())
			.query((rs, n) -> Map.<String, Object>of("provider", rs.getString("provider"), "payment",
					rs.getString("provider_payment"), "left", rs.getBigDecimal("left")))
			.optional();
		Optional<UUID> done = this.jdbc.sql("select id from payment where idempotency_key = ?")
			.param("refund-" + creditNote)
			.query(UUID.class)
			.optional();
		if (paid.isEmpty() || done.isPresent()) {
			return Optional.empty();
		}
		BigDecimal amount = note.total().min((BigDecimal) paid.get().get("left"));
		if (amount.signum() <= 0) {
			return Optional.empty();
		}
		String providerName = (String) paid.get().get("provider");
		PaymentProvider payer = this.providers.get(providerName);
		if (payer == null) {
			throw new IllegalStateException("Refunds through " + providerName + " need it configured");
		}
		String key = "refund-" + creditNote;
		String reference = payer.refund((String) paid.get().get("payment"), amount, note.currency(), key);
		Instant now = this.clock.instant();
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into payment (id, kind, invoice_id, provider, provider_reference, idempotency_key, amount,
				  currency, status, created_by, created_at, settled_at)
				values (?, 'REFUND', ?, ?, ?, ?, ?, ?, 'SUCCEEDED', 'system', ?, ?)""")
			.params(id, creditNote, providerName, reference, key, amount, note.currency(), now.atOffset(ZoneOffset.UTC),
					now.atOffset(ZoneOffset.UTC))
			.update();
		this.events.publishEvent(new PaymentSettled(id, "REFUND", note.number(), note.orderNumber(), note.account(),
				note.buyer().email(), amount, note.currency(), providerName, now));
		return Optional.of(amount);
	}

	/**
	 * A payment of the caller's, for the page the provider sends them back to.
	 */
	@Transactional(readOnly = true)
	public Optional<Billing.PaymentView> payment(Caller caller, String number, UUID payment) {
		return this.billing.details(caller, number)
			.flatMap((details) -> details.payments().stream().filter((view) -> view.id().equals(payment)).findFirst());
	}

}
