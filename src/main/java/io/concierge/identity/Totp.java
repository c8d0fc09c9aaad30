package io.concierge.identity;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords after RFC 6238 as authenticator apps make them:
 * HMAC-SHA1, 30-second steps, 6 digits. A code is accepted one step early or late, for
 * clocks that drift.
 */
final class Totp {

	static final int STEP_SECONDS = 30;

	private static final int DIGITS = 6;

	private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

	private static final SecureRandom RANDOM = new SecureRandom();

	private Totp() {
	}

	/**
	 * A new secret of 160 bits, in Base32 as authenticator apps expect it.
	 */
	static String newSecret() {
		byte[] secret = new byte[20];
		RANDOM.nextBytes(secret);
		return base32(secret);
	}

	static String code(String secret, long step) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(unbase32(secret), "HmacSHA1"));
			byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
			int offset = hash[hash.length - 1] & 0x0f;
			int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
					| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
			return String.format(Locale.ROOT, "%0" + DIGITS + "d", binary % 1_000_000);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Every Java platform has HmacSHA1", ex);
		}
	}

	static long step(Instant instant) {
		return instant.getEpochSecond() / STEP_SECONDS;
	}

	/**
	 * The step the code belongs to, if it is the code of the current step or a neighbour.
	 */
	static OptionalLong matchingStep(String secret, String code, Instant now) {
		String digits = code.replaceAll("\\s", "");
		long current = step(now);
		for (long step = current - 1; step <= current + 1; step++) {
			if (constantTimeEquals(code(secret, step), digits)) {
				return OptionalLong.of(step);
			}
		}
		return OptionalLong.empty();
	}

	private static boolean constantTimeEquals(String expected, String given) {
		return java.security.MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
				given.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
	}

	static String base32(byte[] bytes) {
		StringBuilder text = new StringBuilder();
		int buffer = 0;
		int bits = 0;
		for (byte b : bytes) {
			buffer = (buffer << 8) | (b & 0xff);
			bits += 8;
			while (bits >= 5) {
				text.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
				bits -= 5;
			}
		}
		if (bits > 0) {
			text.append(BASE32.charAt((buffer << (5 - bits)) & 31));
		}
		return text.toString();
	}

	static byte[] unbase32(String text) {
		String clean = text.replaceAll("[\\s=-]", "").toUpperCase(Locale.ROOT);
		ByteBuffer bytes = ByteBuffer.allocate(clean.length() * 5 / 8);
		int buffer = 0;
		int bits = 0;
		for (char c : clean.toCharArray()) {
			int value = BASE32.indexOf(c);
			if (value < 0) {
				throw new IllegalArgumentException("Not Base32: " + c);
			}
			buffer = (buffer << 5) | value;
			bits += 5;
			if (bits >= 8) {
				bytes.put((byte) (buffer >> (bits - 8)));
				bits -= 8;
			}
		}
		return bytes.array();
	}

}
