package io.concierge.analytics;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Counts and sums per metric and dimension over some days, and the rates made of them
 * (see README, "How the rates are computed"). A rate is null where there is nothing to
 * divide by.
 */
public final class Sums {

	private final Map<String, double[]> values = new HashMap<>();

	public void add(String metric, String dimension, long count, double sum) {
		double[] value = this.values.computeIfAbsent(metric + "/" + dimension, (key) -> new double[2]);
		value[0] += count;
		value[1] += sum;
		double[] total = this.values.computeIfAbsent(metric + "/*", (key) -> new double[2]);
		total[0] += count;
		total[1] += sum;
	}

	public long count(String metric, String dimension) {
		double[] value = this.values.get(metric + "/" + dimension);
		return (value != null) ? (long) value[0] : 0;
	}

	public long count(String metric) {
		return count(metric, "*");
	}

	public double sum(String metric) {
		double[] value = this.values.get(metric + "/*");
		return (value != null) ? value[1] : 0;
	}

	private static @Nullable Double ratio(double part, double whole) {
		return (whole == 0) ? null : part / whole;
	}

	/** Share of customers active in the period's days who used the portal. */
	public @Nullable Double portalCustomers() {
		return ratio(count("active_customers", "portal"), count("active_customers", "all"));
	}

	/** Share of interactions through the portal. */
	public @Nullable Double portalInteractions() {
		return ratio(count("interactions", "PORTAL"), count("interactions"));
	}

	/** Share of customers' needs resolved without an agent. */
	public @Nullable Double selfServiceResolution() {
		return ratio(count("needs", "self"), count("needs"));
	}

	public @Nullable Double deflection() {
		return ratio(count("deflection", "deflected"), count("deflection"));
	}

	public @Nullable Double portalChecksPerOrder() {
		return ratio(count("status_checks", "PORTAL"), count("orders"));
	}

	public @Nullable Double agentChecksPerOrder() {
		return ratio(count("status_checks", "AGENT"), count("orders"));
	}

	public @Nullable Double handleMinutes() {
		Double seconds = ratio(sum("handle_time"), count("handle_time"));
		return (seconds != null) ? seconds / 60 : null;
	}

	public @Nullable Double resolutionHours() {
		return ratio(sum("resolution_time"), count("resolution_time"));
	}

	public @Nullable Double firstContactResolution() {
		return ratio(count("first_contact", "first"), count("first_contact"));
	}

	/** Share of ratings of 4 or 5. */
	public @Nullable Double csat() {
		return ratio(count("csat", "4") + count("csat", "5"), count("csat"));
	}

	public @Nullable Double csatMean() {
		return ratio(sum("csat"), count("csat"));
	}

	/** Promoters' share less detractors', from -100 to 100. */
	public @Nullable Double nps() {
		Double net = ratio(count("nps", "promoter") - count("nps", "detractor"), count("nps"));
		return (net != null) ? net * 100 : null;
	}

	/**
	 * Parcels returned to the sender or with a discrepancy (damaged, short, refused,
	 * wrong address) per 1,000 parcels delivered.
	 */
	public @Nullable Double misdeliveriesPerThousand() {
		Double rate = ratio(count("misdeliveries"), count("parcels_delivered"));
		return (rate != null) ? rate * 1000 : null;
	}

	/** Pickups confirmed and collected within their window, of those booked. */
	public @Nullable Double pickupOnTime() {
		return ratio(count("pickups_on_time"), count("pickups_booked"));
	}

	/** Hours from an order placed to its first parcel shipped. */
	public @Nullable Double orderToShipHours() {
		return ratio(sum("order_to_ship"), count("order_to_ship"));
	}

	/** Hours from a purchase order submitted to the vendor's ship notice. */
	public @Nullable Double purchaseOrderToShipHours() {
		return ratio(sum("po_to_ship"), count("po_to_ship"));
	}

	/**
	 * How many fewer status checks by agents per order than in the baseline.
	 */
	public @Nullable Double statusQueryReduction(Sums baseline) {
		Double now = agentChecksPerOrder();
		Double before = baseline.agentChecksPerOrder();
		return (now == null || before == null || before == 0) ? null : 1 - now / before;
	}

}
