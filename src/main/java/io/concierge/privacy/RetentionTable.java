package io.concierge.privacy;

import java.util.List;

/**
 * What Concierge keeps about a person, for how long, and what an erasure does with it:
 * shown to customers on their privacy page and in the README. The words are in the
 * messages ({@code privacy.retention.<key>.data}, {@code .kept}, {@code .erasure}).
 */
public final class RetentionTable {

	/**
	 * One class of data.
	 *
	 * @param key its messages' key
	 * @param outcome what an erasure does with it
	 */
	public record Entry(String key, String outcome) {

	}

	public static final List<Entry> CLASSES = List.of(new Entry("account", "ERASED"), new Entry("sessions", "ERASED"),
			new Entry("addresses", "ERASED"), new Entry("orders", "KEPT"), new Entry("invoices", "KEPT"),
			new Entry("payments", "PSEUDONYMISED"), new Entry("documents", "ERASED"),
			new Entry("tickets", "PSEUDONYMISED"), new Entry("notifications", "ERASED"),
			new Entry("consents", "ERASED"), new Entry("exports", "ERASED"), new Entry("intake", "ERASED"),
			new Entry("audit", "PSEUDONYMISED"), new Entry("receipt", "KEPT"));

	private RetentionTable() {
	}

}
