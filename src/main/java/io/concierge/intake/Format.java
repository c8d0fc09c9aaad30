package io.concierge.intake;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.concierge.orders.Address;
import io.concierge.orders.NewOrder;
import io.concierge.shared.Signatures;

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
		NewOrder order = parse(body, organisation);
		storable(order);
		return order;
	}

	abstract NewOrder parse(byte[] body, @Nullable UUID organisation);

	/**
	 * The last line of defence for text the parsers did not check where they read it: the
	 * field is named as the canonical order names it.
	 */
	private static void storable(NewOrder order) {
		storable(order.externalReference(), "reference");
		storable(order.purchaseOrder(), "purchase order");
		storable(order.notes(), "notes");
		for (int i = 0; i < order.lines().size(); i++) {
			NewOrder.NewLine line = order.lines().get(i);
			String at = "line " + (i + 1) + " ";
			storable(line.sku(), at + "SKU");
			storable(line.name(), at + "name");
			if (line.variant() != null) {
				storable(line.variant().product(), at + "product");
				storable(line.variant().label(), at + "variant");
			}
		}
		storable(order.shipTo(), "delivery address");
		storable(order.billTo(), "billing address");
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
