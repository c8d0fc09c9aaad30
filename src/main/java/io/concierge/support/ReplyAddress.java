package io.concierge.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.util.function.SingletonSupplier;

/**
 * The signed address a ticket's mails are sent from, so that a customer's reply threads
 * back into the ticket: {@code support+T-100042.k3j5x7q2ab@concierge.example}. The
 * signature is the HMAC-SHA256 of the ticket number, cut to ten base32 characters (50
 * bits), so nobody can post into another customer's ticket by changing the number.
 * <p>
 * Mail systems may change the case of a local part, so the ticket number is signed in
 * upper case and the signature is written in lower case; both are read back in any case.
 */
final class ReplyAddress {

	private static final String ALGORITHM = "HmacSHA256";

	private static final int SIGNATURE_LENGTH = 10;

	private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

	private static final Pattern TICKET_NUMBER = Pattern.compile("[A-Za-z0-9]+(-[A-Za-z0-9]+)*");

	private final Supplier<byte[]> secret;

	private final String mailbox;

	private final String domain;

	/**
	 * @param secret at least 16 bytes, kept apart from every other secret
	 * @param mailbox the support mailbox, such as {@code support@concierge.example}
	 */
	ReplyAddress(byte[] secret, String mailbox) {
		this(fixed(checked(secret.clone())), mailbox);
	}

	ReplyAddress(String secret, String mailbox) {
		this(secret.getBytes(StandardCharsets.UTF_8), mailbox);
	}

	private ReplyAddress(Supplier<byte[]> secret, String mailbox) {
		int at = mailbox.indexOf('@');
		if (at <= 0 || at != mailbox.lastIndexOf('@') || at == mailbox.length() - 1 || mailbox.indexOf('+') >= 0) {
			throw new IllegalArgumentException("Not a mailbox without a plus part: " + mailbox);
		}
		this.secret = secret;
		this.mailbox = mailbox.substring(0, at);
		this.domain = mailbox.substring(at + 1);
	}

	/**
	 * Addresses signed with a secret read when the first address is made or read, and
	 * kept from then on: one Concierge made itself lives in the database.
	 */
	static ReplyAddress readLater(Supplier<String> secret, String mailbox) {
		return new ReplyAddress(SingletonSupplier.of(() -> checked(secret.get().getBytes(StandardCharsets.UTF_8))),
				mailbox);
	}

	private static Supplier<byte[]> fixed(byte[] secret) {
		return () -> secret;
	}

	private static byte[] checked(byte[] secret) {
		if (secret.length < 16) {
			throw new IllegalArgumentException("The reply address secret needs at least 16 bytes");
		}
		return secret;
	}

	/**
	 * The address whose replies belong to the ticket.
	 * @param ticketNumber such as {@code T-100042}: letters, digits and inner hyphens
	 */
	String forTicket(String ticketNumber) {
		if (!TICKET_NUMBER.matcher(ticketNumber).matches()) {
			throw new IllegalArgumentException("Not a ticket number: " + ticketNumber);
		}
		String number = ticketNumber.toUpperCase(Locale.ROOT);
		return this.mailbox + "+" + number + "." + signature(number) + "@" + this.domain;
	}

	/**
	 * The ticket number (in upper case) an address made by {@link #forTicket} stands for;
	 * empty when the address is another mailbox or domain, has no plus part, or its
	 * signature does not match. Takes a bare address or one in angle brackets.
	 */
	Optional<String> ticketOf(String address) {
		String bare = bare(address);
		int at = bare.lastIndexOf('@');
		if (at < 0 || !bare.substring(at + 1).equalsIgnoreCase(this.domain)) {
			return Optional.empty();
		}
		String local = bare.substring(0, at);
		int plus = local.indexOf('+');
		int dot = local.lastIndexOf('.');
		if (plus < 0 || dot < plus || !local.substring(0, plus).equalsIgnoreCase(this.mailbox)) {
			return Optional.empty();
		}
		String number = local.substring(plus + 1, dot).toUpperCase(Locale.ROOT);
		String claimed = local.substring(dot + 1).toLowerCase(Locale.ROOT);
		if (!TICKET_NUMBER.matcher(number).matches()) {
			return Optional.empty();
		}
		boolean signed = MessageDigest.isEqual(signature(number).getBytes(StandardCharsets.US_ASCII),
				claimed.getBytes(StandardCharsets.US_ASCII));
		return signed ? Optional.of(number) : Optional.empty();
	}

	private static String bare(String address) {
		String trimmed = address.strip();
		int open = trimmed.lastIndexOf('<');
		int close = trimmed.lastIndexOf('>');
		return (open >= 0 && close > open) ? trimmed.substring(open + 1, close).strip() : trimmed;
	}

	private String signature(String ticketNumber) {
		byte[] mac = hmac(ticketNumber.getBytes(StandardCharsets.UTF_8));
		StringBuilder signature = new StringBuilder(SIGNATURE_LENGTH);
		for (int i = 0; i < SIGNATURE_LENGTH; i++) {
			int bit = i * 5;
			int twoBytes = ((mac[bit / 8] & 0xff) << 8) | (mac[bit / 8 + 1] & 0xff);
			signature.append(BASE32[(twoBytes >>> (11 - bit % 8)) & 0x1f]);
		}
		return signature.toString();
	}

	private byte[] hmac(byte[] message) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(new SecretKeySpec(this.secret.get(), ALGORITHM));
			return mac.doFinal(message);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is part of every JDK", ex);
		}
	}

}
