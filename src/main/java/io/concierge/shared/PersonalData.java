package io.concierge.shared;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A module's part of the people's data it keeps, for the privacy module, which knows no
 * module's tables: each module says what it holds about a person (their export), what
 * stands in the way of erasing them, how it erases them, and what it lets expire.
 */
public interface PersonalData {

	/**
	 * The name of this module's file in an export ({@code orders} for
	 * {@code orders.json}) and in an erasure's report.
	 */
	String section();

	/**
	 * What this module keeps about the subject: named lists of records, each a map of
	 * field to value, written as JSON in the export.
	 */
	Map<String, List<Map<String, Object>>> export(DataSubject subject);

	/**
	 * Writes the subject's files (documents, invoices) into an export.
	 */
	default void files(DataSubject subject, Files sink) throws IOException {
	}

	/**
	 * The references other records use for the subject's things (order and ticket
	 * numbers), so that who looked at them can be found in the audit trail.
	 */
	default List<String> references(DataSubject subject) {
		return List.of();
	}

	/**
	 * What must be settled before the subject can be erased: message keys with their
	 * arguments, such as an open order or an unpaid invoice.
	 */
	default List<Blocker> blockers(DataSubject subject) {
		return List.of();
	}

	/**
	 * Removes or pseudonymises what this module keeps about the person, in the erasure's
	 * transaction.
	 * @param pseudonym what stands for the person where a record must say who
	 * @return what was done, per data class
	 */
	List<Erased> erase(DataSubject subject, String pseudonym);

	/**
	 * How many records of one class {@link #expire(Instant)} removes at most per call.
	 */
	int EXPIRY_BATCH = 5_000;

	/**
	 * Removes what has outlived its retention period, at most {@link #EXPIRY_BATCH}
	 * records of each class per call. The retention job calls again, each call in a
	 * transaction of its own, until one removes nothing: a run killed midway keeps what
	 * it removed, the next goes on from there, and no transaction grows with the backlog.
	 * @return what was removed, per data class
	 */
	default List<Erased> expire(Instant now) {
		return List.of();
	}

	/**
	 * Receives the files of an export.
	 */
	@FunctionalInterface
	interface Files {

		void add(String path, byte[] content) throws IOException;

	}

	/**
	 * Something that must be settled first.
	 *
	 * @param message the message key saying what
	 * @param arguments its arguments
	 */
	record Blocker(String message, List<Object> arguments) {

	}

	/**
	 * What became of one class of data.
	 *
	 * @param dataClass the class, as in the retention table ({@code orders.addresses})
	 * @param outcome erased, pseudonymised or kept
	 * @param rows how many records
	 */
	record Erased(String dataClass, Outcome outcome, long rows) {

		public static Erased erased(String dataClass, long rows) {
			return new Erased(dataClass, Outcome.ERASED, rows);
		}

		public static Erased pseudonymised(String dataClass, long rows) {
			return new Erased(dataClass, Outcome.PSEUDONYMISED, rows);
		}

		public static Erased kept(String dataClass, long rows) {
			return new Erased(dataClass, Outcome.KEPT, rows);
		}

	}

	/**
	 * What an erasure does with a class of data.
	 */
	enum Outcome {

		ERASED, PSEUDONYMISED, KEPT

	}

}
