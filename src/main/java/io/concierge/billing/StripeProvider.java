package io.concierge.billing;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;

import com.stripe.StripeClient;
import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.StripeObject;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;

/**
 * Stripe: a Checkout Session per payment, refunds of its payment intent, and the webhooks
 * Stripe signs with the endpoint's secret (at most five minutes old).
 */
class StripeProvider implements PaymentProvider {

	private final StripeClient client;

	private final String webhookSecret;

	StripeProvider(BillingSettings.Stripe settings) {
		StripeClient.StripeClientBuilder builder = StripeClient.builder()
			.setApiKey(settings.secretKey())
			.setConnectTimeout(5_000)
			.setReadTimeout(20_000)
			.setMaxNetworkRetries(2);
		if (settings.apiBase() != null) {
			builder.setApiBase(settings.apiBase());
		}
		this.client = builder.build();
		this.webhookSecret = settings.webhookSecret();
	}

	@Override
	public String name() {
		return "stripe";
	}

	@Override
	public Checkout checkout(BigDecimal amount, String currency, String description, String returnUrl,
			String idempotencyKey) {
		SessionCreateParams params = SessionCreateParams.builder()
			.setMode(SessionCreateParams.Mode.PAYMENT)
			.setSuccessUrl(returnUrl)
			.setCancelUrl(returnUrl)
			.setClientReferenceId(idempotencyKey)
			.addLineItem(SessionCreateParams.LineItem.builder()
				.setQuantity(1L)
				.setPriceData(SessionCreateParams.LineItem.PriceData.builder()
					.setCurrency(currency.toLowerCase(Locale.ROOT))
					.setUnitAmount(minor(amount, currency))
					.setProductData(
							SessionCreateParams.LineItem.PriceData.ProductData.builder().setName(description).build())
					.build())
				.build())
			.build();
		try {
			Session session = this.client.v1()
				.checkout()
				.sessions()
				.create(params, RequestOptions.builder().setIdempotencyKey(idempotencyKey).build());
			return new Checkout(session.getId(), session.getUrl());
		}
		catch (StripeException ex) {
			throw new PaymentFailed("Stripe did not open a checkout: " + ex.getMessage(), ex);
		}
	}

	@Override
	public String refund(String payment, BigDecimal amount, String currency, String idempotencyKey) {
		RefundCreateParams params = RefundCreateParams.builder()
			.setPaymentIntent(payment)
			.setAmount(minor(amount, currency))
			.build();
		try {
			com.stripe.model.Refund refund = this.client.v1()
				.refunds()
				.create(params, RequestOptions.builder().setIdempotencyKey(idempotencyKey).build());
			if ("failed".equals(refund.getStatus()) || "canceled".equals(refund.getStatus())) {
				throw new PaymentFailed("Stripe refused the refund: " + refund.getFailureReason(), null);
			}
			return refund.getId();
		}
		catch (StripeException ex) {
			throw new PaymentFailed("Stripe did not refund: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Checks the signature before anything of the event is read (Stripe's own
	 * {@code constructEvent} parses first), then reads it; an event that names no
	 * checkout, amount or currency billing knows is refused like a forged one.
	 */
	@Override
	public PaymentProvider.Event verify(String payload, Map<String, String> headers) {
		String signature = headers.get("stripe-signature");
		if (signature == null) {
			throw new WebhookRefused("The Stripe-Signature header is missing");
		}
		com.stripe.model.Event event;
		try {
			Webhook.Signature.verifyHeader(payload, signature, this.webhookSecret, Webhook.DEFAULT_TOLERANCE);
			event = Webhook.constructEvent(payload, signature, this.webhookSecret);
		}
		catch (SignatureVerificationException ex) {
			throw new WebhookRefused("The signature does not match, or the event is more than five minutes old");
		}
		catch (RuntimeException ex) {
			throw new WebhookRefused("The event cannot be read");
		}
		String type = switch (String.valueOf(event.getType())) {
			case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> "PAID";
			case "checkout.session.async_payment_failed", "checkout.session.expired" -> "FAILED";
			default -> "IGNORED";
		};
		if ("IGNORED".equals(type)) {
			return new PaymentProvider.Event(String.valueOf(event.getId()), type, "", null, BigDecimal.ZERO, "");
		}
		Session session = session(event);
		if (session.getId() == null || session.getId().isBlank()) {
			throw new WebhookRefused("The event's checkout session has no id");
		}
		if ("PAID".equals(type) && !"paid".equals(session.getPaymentStatus())) {
			// completed, but the money comes later (a bank transfer): wait for it
			return new PaymentProvider.Event(String.valueOf(event.getId()), "IGNORED", session.getId(), null,
					BigDecimal.ZERO, "");
		}
		String currency = (session.getCurrency() != null) ? session.getCurrency().toUpperCase(Locale.ROOT) : "";
		if (session.getAmountTotal() == null || !known(currency)) {
			throw new WebhookRefused("The event's checkout session has no amount in a known currency");
		}
		return new PaymentProvider.Event(String.valueOf(event.getId()), type, session.getId(),
				session.getPaymentIntent(), major(session.getAmountTotal(), currency), currency);
	}

	private static boolean known(String currency) {
		try {
			return currency.matches("[A-Z]{3}") && Currency.getInstance(currency) != null;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static Session session(com.stripe.model.Event event) {
		try {
			StripeObject object = event.getDataObjectDeserializer().getObject().isPresent()
					? event.getDataObjectDeserializer().getObject().get()
					: event.getDataObjectDeserializer().deserializeUnsafe();
			if (object instanceof Session session) {
				return session;
			}
		}
		catch (EventDataObjectDeserializationException | RuntimeException ex) {
			// refused below: the library throws NullPointerException for an object
			// without
			// its "object" field (found by fuzzing)
		}
		throw new WebhookRefused("The event does not hold a checkout session");
	}

	static long minor(BigDecimal amount, String currency) {
		return amount.movePointRight(Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0))
			.longValueExact();
	}

	static BigDecimal major(long amount, String currency) {
		return BigDecimal.valueOf(amount)
			.movePointLeft(Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0));
	}

}
