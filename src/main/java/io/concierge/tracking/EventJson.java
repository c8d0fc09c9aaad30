package io.concierge.tracking;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.concierge.shared.StorableText;
import io.concierge.shared.StorableTime;
import io.concierge.shared.StrictJson;

/**
 * Carriers' JSON, read with {@link StrictJson}'s limits, with the few shapes their events
 * share.
 */
final class EventJson {

	private static final JsonMapper MAPPER = StrictJson.mapper();

	private EventJson() {
	}

	static JsonNode object(byte[] body) {
		JsonNode root;
		try {
			root = MAPPER.readTree(body);
		}
		catch (JacksonException | NumberFormatException ex) {
			throw new UnreadableEvent("not readable as JSON");
		}
		if (root == null || !root.isObject()) {
			throw new UnreadableEvent("the body must be a JSON object");
		}
		return root;
	}

	/**
	 * The text of a field, null when absent, null or blank; at most 500 characters.
	 */
	static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString() && !value.isNumber()) {
			throw new UnreadableEvent(field + " must be text");
		}
		String text = value.asString().strip();
		if (text.length() > 500) {
			throw new UnreadableEvent(field + " is longer than 500 characters");
		}
		String problem = StorableText.problem(text);
		if (problem != null) {
			throw new UnreadableEvent(field + " " + problem);
		}
		return text.isEmpty() ? null : text;
	}

	static String required(JsonNode node, String field) {
		String text = text(node, field);
		if (text == null) {
			throw new UnreadableEvent(field + " is required");
		}
		return text;
	}

	/**
	 * A time with its offset; one without is taken as UTC; one PostgreSQL cannot store is
	 * refused.
	 */
	static Instant instant(JsonNode node, String field) {
		String text = required(node, field);
		Instant instant;
		try {
			instant = OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				instant = LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException again) {
				throw new UnreadableEvent(field + " must be a time such as 2026-11-21T06:12:00+01:00");
			}
		}
		String problem = StorableTime.problem(instant);
		if (problem != null) {
			throw new UnreadableEvent(field + " " + problem);
		}
		return instant;
	}

	/**
	 * A date, given as a day or as a time (its day where it was written).
	 */
	static @Nullable LocalDate date(JsonNode node, String field) {
		String text = text(node, field);
		if (text == null) {
			return null;
		}
		LocalDate date;
		try {
			date = (text.length() <= 10) ? LocalDate.parse(text) : OffsetDateTime.parse(text).toLocalDate();
		}
		catch (DateTimeParseException ex) {
			try {
				date = LocalDateTime.parse(text).toLocalDate();
			}
			catch (DateTimeParseException again) {
				throw new UnreadableEvent(field + " must be a date such as 2026-11-25");
			}
		}
		String problem = StorableTime.problem(date);
		if (problem != null) {
			throw new UnreadableEvent(field + " " + problem);
		}
		return date;
	}

	/**
	 * The parts that are there, joined with commas: "Leipzig, SN, DE".
	 */
	static @Nullable String place(@Nullable String... parts) {
		List<String> present = new ArrayList<>();
		for (String part : parts) {
			if (part != null && !part.isBlank() && !present.contains(part)) {
				present.add(part);
			}
		}
		return present.isEmpty() ? null : String.join(", ", present);
	}

}
