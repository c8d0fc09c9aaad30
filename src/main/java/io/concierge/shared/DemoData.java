package io.concierge.shared;

/**
 * Demo data a module contributes. Each is run once, in order, in the embedded mode's
 * database: a module that arrives later adds its own and it runs on the next start.
 */
public interface DemoData {

	/**
	 * A stable name, remembered once the data is in.
	 */
	String name();

	/**
	 * Where it comes in the sequence; data that refers to other data comes later.
	 */
	int order();

	void seed();

}
