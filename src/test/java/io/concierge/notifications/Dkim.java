package io.concierge.notifications;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

/**
 * Verifies a DKIM signature with relaxed/relaxed canonicalisation (RFC 6376, 3.4.2 and
 * 3.4.4), the way a receiving server does, given the public key it would find in DNS.
 */
final class Dkim {

	private Dkim() {
	}

	static boolean verify(MimeMessage message, PublicKey key) throws Exception {
		ByteArrayOutputStream raw = new ByteArrayOutputStream();
		message.writeTo(raw);
		String text = raw.toString(StandardCharsets.UTF_8);
		int split = text.indexOf("\r\n\r\n");
		List<String> headers = unfold(text.substring(0, split + 2));
		String body = text.substring(split + 4);

		String signatureHeader = headers.stream()
			.filter((header) -> header.toLowerCase(Locale.ROOT).startsWith("dkim-signature:"))
			.findFirst()
			.orElseThrow();
		Map<String, String> tags = tags(signatureHeader.substring(signatureHeader.indexOf(':') + 1));
		if (!tags.get("c").equals("relaxed/relaxed")) {
			throw new IllegalStateException("Expected relaxed/relaxed, got " + tags.get("c"));
		}
		String bodyHash = Base64.getEncoder()
			.encodeToString(
					MessageDigest.getInstance("SHA-256").digest(relaxedBody(body).getBytes(StandardCharsets.UTF_8)));
		if (!bodyHash.equals(tags.get("bh"))) {
			return false;
		}
		StringBuilder signed = new StringBuilder();
		List<String> remaining = new ArrayList<>(headers);
		Collections.reverse(remaining);
		for (String name : tags.get("h").split(":")) {
			String wanted = name.strip().toLowerCase(Locale.ROOT) + ":";
			remaining.stream()
				.filter((header) -> header.toLowerCase(Locale.ROOT).startsWith(wanted))
				.findFirst()
				.ifPresent((header) -> {
					signed.append(relaxedHeader(header)).append("\r\n");
					remaining.remove(header);
				});
		}
		// the signature header itself is signed last, with its b= tag empty
		signed.append(relaxedHeader(signatureHeader.replaceAll("\\bb=[^;]*", "b=")));
		Signature verifier = Signature.getInstance("SHA256withRSA");
		verifier.initVerify(key);
		verifier.update(signed.toString().getBytes(StandardCharsets.UTF_8));
		return verifier.verify(Base64.getDecoder().decode(tags.get("b").replaceAll("\\s", "")));
	}

	private static List<String> unfold(String block) {
		List<String> headers = new ArrayList<>();
		for (String line : block.split("\r\n")) {
			if (!headers.isEmpty() && (line.startsWith(" ") || line.startsWith("\t"))) {
				headers.set(headers.size() - 1, headers.getLast() + "\r\n" + line);
			}
			else if (!line.isEmpty()) {
				headers.add(line);
			}
		}
		return headers;
	}

	private static String relaxedHeader(String header) {
		int colon = header.indexOf(':');
		String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
		String value = header.substring(colon + 1).replace("\r\n", "").replaceAll("[ \t]+", " ").strip();
		return name + ":" + value;
	}

	private static String relaxedBody(String body) {
		List<String> lines = new ArrayList<>();
		for (String line : body.split("\r\n", -1)) {
			lines.add(line.replaceAll("[ \t]+", " ").replaceAll(" +$", ""));
		}
		while (!lines.isEmpty() && lines.getLast().isEmpty()) {
			lines.removeLast();
		}
		return lines.isEmpty() ? "" : String.join("\r\n", lines) + "\r\n";
	}

	private static Map<String, String> tags(String value) {
		Map<String, String> tags = new LinkedHashMap<>();
		for (String tag : value.replace("\r\n", "").split(";")) {
			int equals = tag.indexOf('=');
			if (equals > 0) {
				tags.put(tag.substring(0, equals).strip(), tag.substring(equals + 1).strip());
			}
		}
		return tags;
	}

}
