package io.concierge.orders;

/**
 * A line cannot move where it was asked to: it was cancelled, has shipped already, or has
 * not shipped yet.
 */
public class OrderChangeRefused extends RuntimeException {

	private final String order;

	private final int line;

	private final LineStatus from;

	private final LineStatus to;

	OrderChangeRefused(String order, int line, LineStatus from, LineStatus to) {
		super("Line " + line + " of order " + order + " is " + from + " and cannot become " + to);
		this.order = order;
		this.line = line;
		this.from = from;
		this.to = to;
	}

	public String order() {
		return this.order;
	}

	public int line() {
		return this.line;
	}

	public LineStatus from() {
		return this.from;
	}

	public LineStatus to() {
		return this.to;
	}

}
