package io.concierge.intake;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.concierge.orders.Address;
import io.concierge.orders.NewOrder;
import io.concierge.orders.Totals;
import io.concierge.shared.Money;
import io.concierge.shared.Signatures;
import io.concierge.shared.StorableTime;

/**
 * What a channel sends, how it signs it and how a resend is recognised.
 */
public enum Format {

	/**
	 * Shopify's {@code orders/create} webhook: signed with the app's secret
	 * ({@code X-Shopify-Hmac-Sha256}, base64), each delivery named by
	 * {@code X-Shopify-Event-Id} (older shops: {@code X-Shopify-Webhook-Id}).
	 */
	SHOPIFY("X-Shopify-Hmac-Sha256", "X-Shopify-Event-Id", "X-Shopify-Webhook-Id") {

		@Override
		NewOrder parse(byte[] body, @Nullable UUID organisation) {
			return ShopifyOrders.read(body, organisation);
		}

	},

	/**
	 * A till's sale in Concierge's own schema, signed the same way
	 * ({@code X-Concierge-Hmac-Sha256}), optionally named by {@code Idempotency-Key}.
	 */
	POINT_OF_SALE("X-Concierge-Hmac-Sha256", "Idempotency-Key", "Idempotency-Key") {

		@Override
		NewOrder parse(byte[] body, @Nullable UUID organisation) {
			return PointOfSaleSales.read(body, organisation);
		}

	},

	/**
	 * A CSV batch ({@link CsvOrders}), signed as a till's sale; each order of it is
	 * stored as a submission of its own, its header and rows.
	 */
	CSV("X-Concierge-Hmac-Sha256", "Idempotency-Key", "Idempotency-Key") {

		@Override
		NewOrder parse(byte[] body, @Nullable UUID organisation) {
			return CsvOrders.one(body, organisation);
		}

	},

	/**
	 * An Amazon order and its items as the {@link AmazonPoller} fetched them
	 * ({@link AmazonOrders}); never posted, so never signed.
	 */
	AMAZON("-", "-", "-") {

		@Override
		NewOrder parse(byte[] body, @Nullable UUID organisation) {
			return AmazonOrders.read(body, organisation);
		}

	},

	/**
	 * An X12 interchange of 850 purchase orders ({@link X12Orders}), signed as a till's
	 * sale or dropped into the channel's inbound folder; each order of it is stored as an
	 * interchange of its own.
	 */
	X12("X-Concierge-Hmac-Sha256", "Idempotency-Key", "Idempotency-Key") {

		@Override
		NewOrder parse(byte[] body, @Nullable UUID organisation) {
			return X12Orders.one(body, organisation);
		}

	},

	/**
	 * A vendor's X12 850 purchase order to Concierge, one transaction set as an
	 * interchange of its own ({@link PurchaseOrderIntake}): sent by the vendor's people
	 * or systems signed in to the partner portal, so never signed itself, and handed to
	 * the {@link PurchaseOrderReceiver} rather than made a customer's order.
	 */
	VENDOR_X12("-", "-", "-") {

		@Override
		NewOrder parse(byte[] body, @Nullable UUID organisation) {
			throw new MalformedSubmission(null, "a vendor's purchase order is not a customer's order:"
					+ " the vendor corrects it and sends it again; replay it once the cause is fixed, or discard it");
		}

	};

	final String signatureHeader;

	final String deliveryHeader;

	final String olderDeliveryHeader;

	Format(String signatureHeader, String deliveryHeader, String olderDeliveryHeader) {
		this.signatureHeader = signatureHeader;
		this.deliveryHeader = deliveryHeader;
		this.olderDeliveryHeader = olderDeliveryHeader;
	}

	/**
	 * The order, with its owner still to be found (a guest's email or the channel's
	 * company), and every text of it one PostgreSQL can store.
	 * @throws MalformedSubmission naming the field or place that is wrong
	 */
	NewOrder read(byte[] body, @Nullable UUID organisation) {
		return checked(parse(body, organisation));
	}

	abstract NewOrder parse(byte[] body, @Nullable UUID organisation);

	/**
	 * The last line of defence for what the parsers did not check where they read it, so
	 * that an order taken in is one the database stores: text it can hold, references
	 * short enough for their unique indexes, amounts of {@code numeric(19, 4)} (a sum of
	 * plausible amounts, or a price times its quantity, need not be one) and a time it
	 * can hold. The field is named as the canonical order names it.
	 * @throws MalformedSubmission naming the field
	 */
	static NewOrder checked(NewOrder order) {
		storable(order.externalReference(), "reference");
		storable(order.purchaseOrder(), "purchase order");
		storable(order.notes(), "notes");
		longest(order.externalReference(), 100, "reference");
		longest(order.purchaseOrder(), 100, "purchase order");
		String late = StorableTime.problem(order.placedAt());
		if (late != null) {
			throw new MalformedSubmission("placed at", late);
		}
		for (int i = 0; i < order.lines().size(); i++) {
			NewOrder.NewLine line = order.lines().get(i);
			String at = "line " + (i + 1) + " ";
			storable(line.sku(), at + "SKU");
			storable(line.name(), at + "name");
			if (line.variant() != null) {
				storable(line.variant().product(), at + "product");
				storable(line.variant().label(), at + "variant");
			}
			plausible(line.unitPrice(), at + "unit price");
			plausible(line.discount(), at + "discount");
			plausible(line.tax(), at + "tax");
		}
		storable(order.shipTo(), "delivery address");
		storable(order.billTo(), "billing address");
		Totals totals = order.totals();
		plausible(totals.subtotal(), "subtotal");
		plausible(totals.discounts(), "discounts");
		plausible(totals.taxes(), "taxes");
		plausible(totals.shipping(), "shipping");
		plausible(totals.grandTotal(), "total");
		return order;
	}

	private static void plausible(Money money, String field) {
		IntakeJson.plausible(money.amount(), field);
	}

	private static void longest(@Nullable String text, int length, String field) {
		if (text != null) {
			ShopifyOrders.limit(text, length, field);
		}
	}

	private static void storable(@Nullable Address address, String field) {
		if (address != null) {
			storable(String.join("\n", address.name(), address.lines(), String.valueOf(address.postalCode()),
					address.city(), String.valueOf(address.region()), address.country()), field);
		}
	}

	private static void storable(@Nullable String text, String field) {
		if (text != null) {
			IntakeJson.storable(text, field);
		}
	}

	/**
	 * Whether the signature is the base64 HMAC-SHA256 of exactly these bytes with the
	 * secret; compared in constant time.
	 */
	static boolean signed(byte[] body, @Nullable String signature, String secret) {
		return Signatures.base64Signed(body, signature, secret);
	}

}
