package io.concierge.shared;

import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/**
 * Rows of a query as a data export writes them: column to value, with times as ISO text,
 * identifiers as text and binary content left out (files go into the export as files).
 */
public final class ExportRows {

	private ExportRows() {
	}

	/**
	 * Runs the query and gives its rows, ready to be written as JSON.
	 */
	public static List<Map<String, @Nullable Object>> of(StatementSpec query) {
		return query.query().listOfRows().stream().map(ExportRows::row).toList();
	}

	/**
	 * One row, ready to be written as JSON.
	 */
	public static Map<String, @Nullable Object> row(Map<String, Object> columns) {
		Map<String, @Nullable Object> row = new LinkedHashMap<>();
		columns.forEach((name, value) -> {
			if (!(value instanceof byte[])) {
				row.put(name, value(value));
			}
		});
		return row;
	}

	private static @Nullable Object value(@Nullable Object value) {
		return switch (value) {
			case null -> null;
			case String text -> text;
			case Number number -> number;
			case Boolean flag -> flag;
			case java.sql.Timestamp timestamp -> timestamp.toInstant().toString();
			case java.sql.Date date -> date.toLocalDate().toString();
			case java.sql.Time time -> time.toLocalTime().toString();
			case TemporalAccessor temporal -> temporal.toString();
			case UUID id -> id.toString();
			default -> value.toString();
		};
	}

}
