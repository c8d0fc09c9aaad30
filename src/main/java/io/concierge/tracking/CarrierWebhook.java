package io.concierge.tracking;

import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.concierge.orders.ShipmentTracking.CarrierReport;
import io.concierge.shared.Signatures;

/**
 * The tracking services that call Concierge: how each signs its webhooks and what its
 * events say.
 */
public enum CarrierWebhook {

	/**
	 * EasyPost's {@code tracker.updated} events: {@code X-Hmac-Signature:
	 * hmac-sha256-hex=…}, the hex HMAC-SHA256 of the raw body with the webhook secret,
	 * normalised to NFKD.
	 */
	EASYPOST("X-Hmac-Signature") {

		@Override
		boolean signed(byte[] body, @Nullable String signature, String secret) {
			if (signature == null || !signature.startsWith("hmac-sha256-hex=")) {
				return false;
			}
			String hex = signature.substring("hmac-sha256-hex=".length()).strip().toLowerCase(Locale.ROOT);
			byte[] claimed;
			try {
				claimed = HexFormat.of().parseHex(hex);
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
			return MessageDigest
				.isEqual(Signatures.hmacSha256(body, Normalizer.normalize(secret, Normalizer.Form.NFKD)), claimed);
		}

		@Override
		@Nullable CarrierReport read(byte[] body) {
			return EasyPostEvents.read(body);
		}

	},

	/**
	 * AfterShip's tracking webhooks: {@code aftership-hmac-sha256}, the base64
	 * HMAC-SHA256 of the raw body with the webhook secret.
	 */
	AFTERSHIP("aftership-hmac-sha256") {

		@Override
		boolean signed(byte[] body, @Nullable String signature, String secret) {
			return Signatures.base64Signed(body, signature, secret);
		}

		@Override
		@Nullable CarrierReport read(byte[] body) {
			return AfterShipEvents.read(body);
		}

	};

	final String signatureHeader;

	CarrierWebhook(String signatureHeader) {
		this.signatureHeader = signatureHeader;
	}

	/**
	 * Whether the signature is the one the secret gives these exact bytes; compared in
	 * constant time.
	 */
	abstract boolean signed(byte[] body, @Nullable String signature, String secret);

	/**
	 * The report on one parcel; null for an event that reports none (a test ping).
	 * @throws UnreadableEvent naming what is wrong
	 */
	abstract @Nullable CarrierReport read(byte[] body);

	public String signatureHeader() {
		return this.signatureHeader;
	}

}
