package io.concierge.billing;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who issues the invoices, and how they are paid.
 *
 * @param seller the seller's legal data, printed on every invoice
 * @param invoiceSeries the prefix of invoice numbers ({@code INV} gives
 * {@code INV-2026-000001})
 * @param creditNoteSeries the prefix of credit note numbers
 * @param paymentDays days to pay, for customers without terms of their own
 * @param reminderDays days before the due date the first reminder goes, and after it the
 * second
 * @param provider {@code stripe}, or {@code sandbox} (the built-in one, which takes test
 * card numbers); required outside the demo, which takes the sandbox without one
 * @param sandbox the sandbox provider's webhook secret and delay
 * @param stripe Stripe's keys
 */
@ConfigurationProperties("concierge.billing")
public record BillingSettings(@DefaultValue Seller seller, @DefaultValue("INV") String invoiceSeries,
		@DefaultValue("CN") String creditNoteSeries, @DefaultValue("14") int paymentDays,
		@DefaultValue("3") int reminderDays, @Nullable String provider, @DefaultValue Sandbox sandbox,
		@Nullable Stripe stripe) {

	/**
	 * @param country ISO 3166 alpha-2
	 * @param vatId the VAT identification number ({@code DE123456789})
	 * @param taxNumber the local tax number, when there is no VAT id
	 */
	public record Seller(@DefaultValue("Concierge Demo GmbH") String name,
			@DefaultValue("Hafenstraße 12") String street, @DefaultValue("20457") String postalCode,
			@DefaultValue("Hamburg") String city, @DefaultValue("DE") String country,
			@DefaultValue("DE123456789") String vatId, @Nullable String taxNumber,
			@DefaultValue("billing@concierge.example") String email, @DefaultValue("+49 40 1234567") String phone,
			@DefaultValue("Concierge Billing") String contact, @DefaultValue("DE02120300000000202051") String iban,
			@DefaultValue("BYLADEM1001") String bic, @DefaultValue("Amtsgericht Hamburg HRB 123456") String register) {

	}

	/**
	 * @param secret signs its webhooks, in Stripe's scheme; when not set, Concierge makes
	 * one at its first start and keeps it sealed in the database
	 * ({@link io.concierge.shared.GeneratedSecrets})
	 * @param webhookDelay how long after a payment its webhook comes, as with a real
	 * provider
	 */
	public record Sandbox(@Nullable String secret, @DefaultValue("PT2S") Duration webhookDelay) {

		@Override
		public String toString() {
			return "Sandbox[webhookDelay=" + this.webhookDelay + "]";
		}

	}

	/**
	 * @param apiBase another address for Stripe's API (a recording server in tests)
	 */
	public record Stripe(String secretKey, String webhookSecret, @Nullable String apiBase) {

		@Override
		public String toString() {
			return "Stripe[apiBase=" + this.apiBase + "]";
		}

	}

}
