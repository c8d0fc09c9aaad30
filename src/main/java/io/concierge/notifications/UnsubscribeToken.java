package io.concierge.notifications;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The secret of an unsubscribe link: 256 random bits, base64url (43 characters), kept
 * only as its SHA-256 hash, so the rows of {@code notification} do not hold working
 * links.
 */
final class UnsubscribeToken {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

	private UnsubscribeToken() {
	}

	static String create() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * @return whether the text has a token's shape (a notification id, of the links
	 * mailed before tokens, has not)
	 */
	static boolean isToken(String text) {
		return SHAPE.matcher(text).matches();
	}

	static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
