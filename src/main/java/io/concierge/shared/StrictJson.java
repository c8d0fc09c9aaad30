package io.concierge.shared;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A reader for JSON from outside: nesting, string and number length limited, duplicate
 * keys, invalid UTF-8 and trailing content refused, decimals kept exact.
 */
public final class StrictJson {

	private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
		.maxNestingDepth(32)
		.maxStringLength(100_000)
		.maxNumberLength(40)
		.build();

	private static final JsonMapper MAPPER = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(CONSTRAINTS)
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.build())
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private StrictJson() {
	}

	public static JsonMapper mapper() {
		return MAPPER;
	}

	/**
	 * The limits this reader keeps, for other readers of JSON from outside (the APIs'
	 * request bodies) to keep the same.
	 */
	public static StreamReadConstraints constraints() {
		return CONSTRAINTS;
	}

}
