package io.concierge.partners.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Quantities per line from a form's fields named {@code <prefix><line>}: a blank field is
 * none, anything but a whole number from 0 is -1 (which the service refuses by line).
 */
final class Quantities {

	private Quantities() {
	}

	static Map<Integer, Integer> of(Map<String, String> form, String prefix) {
		Map<Integer, Integer> quantities = new LinkedHashMap<>();
		form.forEach((name, value) -> {
			if (name.startsWith(prefix) && name.substring(prefix.length()).matches("[0-9]{1,4}")) {
				String text = value.strip();
				int line = Integer.parseInt(name.substring(prefix.length()));
				quantities.put(line, text.isEmpty() ? 0 : text.matches("[0-9]{1,9}") ? Integer.parseInt(text) : -1);
			}
		});
		return quantities;
	}

}
