package io.concierge.intake;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.concierge.shared.StorableText;
import io.concierge.shared.StrictJson;

/**
 * JSON from outside, read defensively: limited nesting, string and number length;
 * duplicate keys, invalid UTF-8 and trailing content refused; decimals kept exact. Each
 * refusal names where it happened.
 */
final class IntakeJson {

	private static final JsonMapper MAPPER = StrictJson.mapper();

	private IntakeJson() {
	}

	static JsonNode object(byte[] body) {
		JsonNode root;
		try {
			root = MAPPER.readTree(body);
		}
		catch (JacksonException ex) {
			var at = ex.getLocation();
			throw new MalformedSubmission(
					(at != null) ? "line " + at.getLineNr() + ", column " + at.getColumnNr() : null,
					"not readable as JSON: " + ex.getOriginalMessage());
		}
		catch (NumberFormatException ex) {
			// Jackson's own refusal of a number such as 1e100000000000 (found by fuzzing)
			throw new MalformedSubmission(null, "a number is too large");
		}
		if (root == null || !root.isObject()) {
			throw new MalformedSubmission(null, "the body must be a JSON object");
		}
		return root;
	}

	static String text(JsonNode node, String field, String path) {
		String value = optionalText(node, field, path);
		if (value == null) {
			throw new MalformedSubmission(path + field, "is required");
		}
		return value;
	}

	static @Nullable String optionalText(JsonNode node, String field, String path) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString() && !value.isNumber()) {
			throw new MalformedSubmission(path + field, "must be text");
		}
		String text = storable(value.asString(), path + field).strip();
		return text.isEmpty() ? null : text;
	}

	/**
	 * Free text (a note) exactly as sent, with its spaces and line breaks; null when it
	 * is missing or blank.
	 */
	static @Nullable String exactText(JsonNode node, String field, String path) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new MalformedSubmission(path + field, "must be text");
		}
		String text = storable(value.asString(), path + field);
		return text.isBlank() ? null : text;
	}

	/**
	 * @throws MalformedSubmission naming the field when the text cannot be stored
	 */
	static String storable(String text, String field) {
		String problem = StorableText.problem(text);
		if (problem != null) {
			throw new MalformedSubmission(field, problem);
		}
		return text;
	}

	/**
	 * An amount written as a JSON number or as text ("19.90").
	 */
	static BigDecimal amount(JsonNode node, String field, String path) {
		BigDecimal amount = optionalAmount(node, field, path);
		if (amount == null) {
			throw new MalformedSubmission(path + field, "is required");
		}
		return amount;
	}

	static @Nullable BigDecimal optionalAmount(JsonNode node, String field, String path) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isNumber() && !value.isString()) {
			throw new MalformedSubmission(path + field, "must be an amount such as 19.90");
		}
		BigDecimal amount;
		try {
			amount = value.isNumber() ? value.decimalValue() : new BigDecimal(value.asString().strip());
		}
		catch (NumberFormatException | UnsupportedOperationException ex) {
			throw new MalformedSubmission(path + field, "must be an amount such as 19.90");
		}
		return plausible(amount, path + field);
	}

	/**
	 * The amount, unless it is too large to be one: 1e999999 is short to write and a
	 * million digits to compute with.
	 * @throws MalformedSubmission naming the field
	 */
	static BigDecimal plausible(BigDecimal amount, @Nullable String field) {
		if (amount.precision() - amount.scale() > 15 || amount.scale() > 10) {
			throw new MalformedSubmission(field, "must be an amount of at most 15 digits before the point");
		}
		return amount;
	}

	static int quantity(JsonNode node, String field, String path) {
		JsonNode value = node.get(field);
		if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
			throw new MalformedSubmission(path + field, "must be a whole number of at least 1");
		}
		return value.intValue();
	}

	static JsonNode array(JsonNode node, String field, String path) {
		JsonNode value = node.get(field);
		if (value == null || !value.isArray()) {
			throw new MalformedSubmission(path + field, "must be a list");
		}
		return value;
	}

}
