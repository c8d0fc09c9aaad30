package io.concierge.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Passwords known from breaches and lists of common passwords (see
 * {@code identity/breached-passwords.NOTICE}), kept as one sorted array: about 200,000
 * entries, looked up by binary search, compared without regard to case.
 */
@Component
class BreachedPasswords {

	private static final String LIST = "identity/breached-passwords.txt.gz";

	private final String[] sorted;

	BreachedPasswords() {
		this.sorted = load();
	}

	boolean contains(String password) {
		return Arrays.binarySearch(this.sorted, password.toLowerCase(Locale.ROOT)) >= 0;
	}

	int size() {
		return this.sorted.length;
	}

	private static String[] load() {
		try (BufferedReader lines = new BufferedReader(new InputStreamReader(
				new GZIPInputStream(new ClassPathResource(LIST).getInputStream()), StandardCharsets.UTF_8))) {
			String[] passwords = lines.lines().filter((line) -> !line.isEmpty()).toArray(String[]::new);
			Arrays.sort(passwords);
			return passwords;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The breached password list " + LIST + " cannot be read", ex);
		}
	}

}
