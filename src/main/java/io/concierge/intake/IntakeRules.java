package io.concierge.intake;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import io.concierge.orders.NewOrder;
import io.concierge.orders.OrderManagement;
import io.concierge.shared.Money;

/**
 * The checks a channel's orders go through before they become orders, each with what a
 * failure does: {@link Action#REJECT reject} it, {@link Action#HOLD hold} it for
 * operations to look at, or only {@link Action#WARN warn}, so that a fixable problem does
 * not bounce an order.
 */
@Component
public class IntakeRules {

	private final OrderManagement orders;

	IntakeRules(OrderManagement orders) {
		this.orders = orders;
	}

	/**
	 * A check, named in configuration in kebab case ({@code unknown-sku}).
	 */
	public enum Rule {

		/** A SKU no order has held before. */
		UNKNOWN_SKU,

		/** A currency the channel does not take ({@code currencies}). */
		CURRENCY,

		/** A grand total over the channel's {@code max-total}. */
		TOTAL,

		/** A line of more than the channel's {@code max-quantity}. */
		QUANTITY,

		/** Nothing to deliver to: no delivery address. */
		DELIVERY_ADDRESS,

		/** A company's purchase order number it used before. */
		REPEATED_PURCHASE_ORDER,

		/**
		 * A company's order that would take its orders on their way over the channel's
		 * {@code credit-limit}.
		 */
		CREDIT_LIMIT

	}

	public enum Action {

		REJECT, HOLD, WARN

	}

	/**
	 * A check that failed: which, what it does, and why, in words for operations and the
	 * sender.
	 */
	record Finding(Rule rule, Action action, String reason) {

		String code() {
			return this.rule.name();
		}

	}

	List<Finding> check(NewOrder order, IntakeChannels.Channel channel) {
		List<Finding> findings = new ArrayList<>();
		channel.rules().forEach((rule, action) -> {
			String reason = reason(rule, order, channel);
			if (reason != null) {
				findings.add(new Finding(rule, action, reason));
			}
		});
		findings.sort((a, b) -> a.action().compareTo(b.action()));
		return findings;
	}

	private @Nullable String creditLimit(NewOrder order, IntakeChannels.Channel channel) {
		if (order.organisation() == null || channel.creditLimit() == null) {
			return null;
		}
		Money total = order.totals().grandTotal();
		BigDecimal open = this.orders.openValue(order.organisation(), total.currency().getCurrencyCode());
		return (open.add(total.amount()).compareTo(channel.creditLimit()) > 0)
				? "Open orders of " + open.stripTrailingZeros().toPlainString() + " and this one of " + total
						+ " are over the credit limit of " + channel.creditLimit().toPlainString()
				: null;
	}

	private @Nullable String reason(Rule rule, NewOrder order, IntakeChannels.Channel channel) {
		return switch (rule) {
			case UNKNOWN_SKU -> {
				Set<String> unknown = new TreeSet<>(
						this.orders.unknownSkus(order.lines().stream().map(NewOrder.NewLine::sku).toList()));
				yield unknown.isEmpty() ? null : "Unknown SKU " + String.join(", ", unknown);
			}
			case CURRENCY -> channel.currencies().isEmpty()
					|| channel.currencies().contains(order.totals().grandTotal().currency().getCurrencyCode()) ? null
							: "Currency " + order.totals().grandTotal().currency().getCurrencyCode()
									+ " is not taken on this channel";
			case TOTAL ->
				(channel.maxTotal() == null || order.totals().grandTotal().amount().compareTo(channel.maxTotal()) <= 0)
						? null : "Total " + order.totals().grandTotal() + " is over the limit of "
								+ channel.maxTotal().toPlainString();
			case QUANTITY -> order.lines()
				.stream()
				.filter((line) -> line.quantity() > channel.maxQuantity())
				.findFirst()
				.map((line) -> "Quantity " + line.quantity() + " of " + line.sku() + " is over the limit of "
						+ channel.maxQuantity())
				.orElse(null);
			case DELIVERY_ADDRESS -> (order.shipTo() == null) ? "No delivery address" : null;
			case REPEATED_PURCHASE_ORDER -> (order.organisation() != null && order.purchaseOrder() != null
					&& this.orders.purchaseOrderUsed(order.organisation(), order.purchaseOrder()))
							? "Purchase order " + order.purchaseOrder() + " was used before" : null;
			case CREDIT_LIMIT -> creditLimit(order, channel);
		};
	}

}
