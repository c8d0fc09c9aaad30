package io.concierge.billing;

import java.math.BigDecimal;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.concierge.shared.StorableText;

/**
 * A payment provider, as billing uses one: a hosted checkout for an invoice, a refund to
 * the original method, and its signed webhooks. Every call carries an idempotency key, so
 * a call retried is one payment at the provider too.
 */
public interface PaymentProvider {

	/** The name its webhooks arrive under ({@code /api/payments/webhooks/{name}}). */
	String name();

	/**
	 * @param reference the provider's id of the checkout, which its webhooks name
	 * @param url where the customer pays
	 */
	record Checkout(String reference, String url) {

	}

	/**
	 * @param amount in the currency's major units
	 * @param returnUrl where the provider sends the customer back, paid or not
	 */
	Checkout checkout(BigDecimal amount, String currency, String description, String returnUrl, String idempotencyKey);

	/**
	 * Pays an amount back to the method a checkout was paid with.
	 * @param payment the provider's id of the payment (not of the checkout)
	 * @return the provider's id of the refund
	 * @throws PaymentFailed when the provider refuses it
	 */
	String refund(String payment, BigDecimal amount, String currency, String idempotencyKey);

	/**
	 * What a webhook says happened, once its signature is checked.
	 *
	 * @param type {@code PAID}, {@code FAILED} or {@code IGNORED} (an event billing does
	 * not act on)
	 * @param reference the checkout's id
	 * @param payment the provider's id of the payment, once paid
	 */
	record Event(String id, String type, String reference, @Nullable String payment, BigDecimal amount,
			String currency) {

		/**
		 * @throws WebhookRefused when the event names no checkout to act on, or holds
		 * text or an amount billing cannot look up or store, such as a NUL character or
		 * 1e999999999: a provider's own events never do
		 */
		public Event {
			for (String text : new String[] { id, type, reference, payment, currency }) {
				if (text != null && (text.length() > 255 || StorableText.problem(text) != null)) {
					throw new WebhookRefused("The event holds text that cannot be stored");
				}
			}
			if (!"IGNORED".equals(type) && reference.isBlank()) {
				throw new WebhookRefused("The event names no checkout");
			}
			if (amount.precision() - amount.scale() > 15 || amount.scale() > 4) {
				throw new WebhookRefused("The event's amount is not one billing takes");
			}
		}

	}

	/**
	 * Checks a webhook's signature and reads it.
	 * @throws WebhookRefused when it is not signed with the provider's secret, too old,
	 * or unreadable
	 */
	Event verify(String payload, Map<String, String> headers);

	/**
	 * The provider refused or could not be reached.
	 */
	class PaymentFailed extends RuntimeException {

		public PaymentFailed(String message, @Nullable Throwable cause) {
			super(message, cause);
		}

	}

	/**
	 * A webhook that is not the provider's, or not now.
	 */
	class WebhookRefused extends RuntimeException {

		public WebhookRefused(String message) {
			super(message);
		}

	}

}
