package io.concierge.shared;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The HMAC-SHA256 that senders sign their webhooks with; compare it with
 * {@link java.security.MessageDigest#isEqual}, which takes constant time.
 */
public final class Signatures {

	private Signatures() {
	}

	/**
	 * Whether the signature is the base64 HMAC-SHA256 of exactly these bytes with the
	 * secret; compared in constant time. Without a secret nothing is signed.
	 */
	public static boolean base64Signed(byte[] body, @Nullable String signature, String secret) {
		if (signature == null || secret.isEmpty()) {
			return false;
		}
		byte[] claimed;
		try {
			claimed = Base64.getDecoder().decode(signature.strip());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return MessageDigest.isEqual(hmacSha256(body, secret), claimed);
	}

	/**
	 * The Stripe-style signature Concierge puts on the webhooks it sends:
	 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}. The time inside the
	 * signed text lets a receiver refuse an old delivery played again.
	 */
	public static String timestamped(long unixSeconds, byte[] body, String secret) {
		byte[] prefix = (unixSeconds + ".").getBytes(StandardCharsets.UTF_8);
		byte[] signed = new byte[prefix.length + body.length];
		System.arraycopy(prefix, 0, signed, 0, prefix.length);
		System.arraycopy(body, 0, signed, prefix.length, body.length);
		return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(hmacSha256(signed, secret));
	}

	public static byte[] hmacSha256(byte[] body, String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac.doFinal(body);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is part of every JDK", ex);
		}
	}

}
