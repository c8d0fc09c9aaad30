package io.concierge.intake;

import java.time.ZonedDateTime;
import java.util.UUID;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever bytes a channel sends, reading them gives an order or a
 * {@link MalformedSubmission} naming what is wrong: never another exception, which would
 * be a 500. Runs the committed inputs (in the resources beside this class) as regression
 * tests; {@code JAZZER_FUZZ=1 ./mvnw test -Dtest=ParserFuzzTests} fuzzes for real and
 * adds what it finds.
 */
class ParserFuzzTests {

	private static final ZonedDateTime NOW = ZonedDateTime.parse("2026-11-22T09:30:00Z");

	private static final UUID COMPANY = UUID.fromString("6f1c2a9e-8d0b-4f7e-9a51-2c3d4e5f6a7b");

	@FuzzTest(maxDuration = "30s")
	void shopifyOrders(byte[] body) {
		try {
			Format.SHOPIFY.read(body, null);
		}
		catch (MalformedSubmission expected) {
			// the refusal every bad body must get
		}
	}

	@FuzzTest(maxDuration = "30s")
	void csvBatches(byte[] body) {
		try {
			CsvOrders.read(body, COMPANY);
		}
		catch (MalformedSubmission expected) {
			// the refusal every unreadable file must get; bad rows are in the batch
		}
	}

	@FuzzTest(maxDuration = "30s")
	void x12Interchanges(byte[] body) {
		try {
			X12Orders.Interchange interchange = X12Orders.read(body, null);
			X12Acknowledgements.functional(interchange, 1, NOW);
		}
		catch (MalformedSubmission expected) {
			// the refusal every unreadable interchange must get; bad orders are in it
		}
	}

	@FuzzTest(maxDuration = "30s")
	void amazonOrders(byte[] body) {
		try {
			Format.AMAZON.read(body, null);
		}
		catch (MalformedSubmission expected) {
			// the refusal every bad order must get
		}
	}

	@FuzzTest(maxDuration = "30s")
	void pointOfSaleSales(byte[] body) {
		try {
			Format.POINT_OF_SALE.read(body, COMPANY);
		}
		catch (MalformedSubmission expected) {
			// the refusal every bad body must get
		}
	}

}
