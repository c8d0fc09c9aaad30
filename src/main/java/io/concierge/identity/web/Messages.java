package io.concierge.identity.web;

import org.jspecify.annotations.Nullable;

import org.springframework.ui.Model;

/**
 * A page that says one thing: a heading and a paragraph from {@code <key>.title} and
 * {@code <key>.text}.
 */
final class Messages {

	private Messages() {
	}

	static String show(Model model, String key, @Nullable Object... arguments) {
		model.addAttribute("messageKey", key);
		model.addAttribute("messageArguments", arguments);
		return "identity/message";
	}

}
