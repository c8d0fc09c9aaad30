package io.concierge.orders;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Decides, line by line, whether a customer's change is done at once, needs approval or
 * is not possible, from the line's stage, the time since the order or the delivery, the
 * channel, whether a company ordered, the product's flags and the order's value. The
 * order page asks it which actions to offer and the server asks it again for every
 * request.
 */
final class ChangePolicy {

	private ChangePolicy() {
	}

	/**
	 * What the policy looks at in an order.
	 *
	 * @param delivers whether the order has a delivery address (a till sale has none)
	 */
	record OrderFacts(Channel channel, boolean company, Instant placedAt, BigDecimal total, boolean delivers,
			List<LineFacts> lines) {

	}

	/**
	 * What the policy looks at in a line.
	 *
	 * @param cancellable units neither cancelled nor shipped
	 * @param returnable units delivered and neither returned nor in a return under way
	 * @param deliveredAt when it was delivered, if it was
	 */
	record LineFacts(int number, LineStatus status, LineStatus stage, int cancellable, int returnable,
			@Nullable Instant deliveredAt, Set<ProductFlag> flags) {

	}

	/**
	 * An action's verdict for the order as a whole and for each line.
	 *
	 * @param overall for actions on chosen lines, the most generous line's (the action is
	 * offered when any line allows it); for the address and delivery, the strictest of
	 * the lines still to come
	 */
	record Decision(Verdict overall, Map<Integer, Verdict> lines) {

	}

	static Map<ChangeAction, Decision> decideAll(PolicyRules rules, OrderFacts order, Instant now) {
		Map<ChangeAction, Decision> decisions = new EnumMap<>(ChangeAction.class);
		for (ChangeAction action : ChangeAction.values()) {
			decisions.put(action, decide(rules, action, order, now));
		}
		return decisions;
	}

	static Decision decide(PolicyRules rules, ChangeAction action, OrderFacts order, Instant now) {
		Map<Integer, Verdict> lines = new LinkedHashMap<>();
		order.lines().forEach((line) -> lines.put(line.number(), decide(rules, action, order, line, now)));
		if (action == ChangeAction.ADDRESS || action == ChangeAction.DELIVERY) {
			return new Decision(wholeOrder(action, order, lines), lines);
		}
		Verdict overall = null;
		for (Verdict verdict : lines.values()) {
			if (overall == null || (verdict.allowed() && (!overall.allowed() || verdict.isInstant()))) {
				overall = verdict;
			}
		}
		return new Decision((overall != null) ? overall : Verdict.refused("nothing"), lines);
	}

	/**
	 * One address and one way of handing over for the whole order: a line still to come
	 * that cannot change stops it; lines past it (cancelled, shipped, delivered) do not.
	 */
	private static Verdict wholeOrder(ChangeAction action, OrderFacts order, Map<Integer, Verdict> lines) {
		Verdict allowed = null;
		Verdict past = null;
		for (LineFacts line : order.lines()) {
			Verdict verdict = lines.get(line.number());
			boolean isPast = line.status().isFinal() || ((action == ChangeAction.ADDRESS) ? line.stage().hasShipped()
					: line.stage() == LineStatus.DELIVERED);
			if (verdict.allowed()) {
				allowed = (allowed != null) ? allowed.stricter(verdict) : verdict;
			}
			else if (!isPast || !order.delivers()) {
				return verdict;
			}
			else if (past == null) {
				past = verdict;
			}
		}
		if (allowed != null) {
			return allowed;
		}
		return (past != null) ? past : Verdict.refused("nothing");
	}

	static Verdict decide(PolicyRules rules, ChangeAction action, OrderFacts order, LineFacts line, Instant now) {
		if (rules.managedElsewhere().contains(order.channel())) {
			return Verdict.refused("managedElsewhere", order.channel());
		}
		return switch (action) {
			case CANCEL -> cancel(rules, order, line, now);
			case ADDRESS -> address(rules, order, line);
			case RETURN, EXCHANGE -> giveBack(rules, action, order, line, now);
			case DELIVERY -> delivery(order, line);
		};
	}

	private static Verdict cancel(PolicyRules rules, OrderFacts order, LineFacts line, Instant now) {
		if (line.status() == LineStatus.CANCELLED) {
			return Verdict.refused("cancel.cancelled");
		}
		if (line.stage().hasShipped() || line.status() == LineStatus.RETURNED || line.cancellable() == 0) {
			return Verdict.refused("cancel.shipped");
		}
		if (reached(line.stage(), rules.cancelBefore())) {
			return Verdict.refused("cancel.stage", line.stage());
		}
		if (reached(line.stage(), rules.cancelInstantBefore())) {
			return Verdict.approval("cancel.stage", line.stage());
		}
		if (line.flags().contains(ProductFlag.MADE_TO_ORDER) && line.stage() != LineStatus.PLACED) {
			return Verdict.approval("madeToOrder");
		}
		if (Duration.between(order.placedAt(), now).compareTo(rules.cancelInstantWithin()) > 0) {
			return Verdict.approval("cancel.late");
		}
		return valuable(rules, order) ? Verdict.approval("value") : Verdict.instant();
	}

	private static Verdict address(PolicyRules rules, OrderFacts order, LineFacts line) {
		if (!order.delivers()) {
			return Verdict.refused("address.nothingToDeliver");
		}
		if (line.status() == LineStatus.CANCELLED) {
			return Verdict.refused("address.cancelled");
		}
		if (line.stage().hasShipped() || line.status().isFinal()) {
			return Verdict.refused("address.shipped");
		}
		if (reached(line.stage(), rules.addressBefore())) {
			return Verdict.refused("address.stage", line.stage());
		}
		if (reached(line.stage(), rules.addressInstantBefore())) {
			return Verdict.approval("address.stage", line.stage());
		}
		return Verdict.instant();
	}

	private static Verdict giveBack(PolicyRules rules, ChangeAction action, OrderFacts order, LineFacts line,
			Instant now) {
		if (line.status() == LineStatus.CANCELLED) {
			return Verdict.refused("return.cancelled");
		}
		if (line.stage() != LineStatus.DELIVERED || line.deliveredAt() == null) {
			return Verdict.refused("return.notDelivered");
		}
		if (line.returnable() == 0) {
			return Verdict.refused("return.already");
		}
		if (line.flags().contains(ProductFlag.FINAL_SALE)) {
			return Verdict.refused("return.finalSale");
		}
		LocalDate windowEnds = line.deliveredAt().atZone(ZoneOffset.UTC).toLocalDate().plusDays(rules.returnDays());
		LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
		if (today.isAfter(windowEnds.plusDays(rules.lateReturnDays()))) {
			return Verdict.refused("return.closed", windowEnds);
		}
		if (today.isAfter(windowEnds)) {
			return Verdict.approval("return.late", windowEnds);
		}
		if (line.flags().contains(ProductFlag.PERISHABLE)) {
			return Verdict.approval("return.perishable");
		}
		if (line.flags().contains(ProductFlag.MADE_TO_ORDER)) {
			return Verdict.approval("madeToOrder");
		}
		if (order.company() && rules.companyReturnsNeedApproval()) {
			return Verdict.approval("return.company");
		}
		if (action == ChangeAction.RETURN && valuable(rules, order)) {
			return Verdict.approval("value");
		}
		return Verdict.instant();
	}

	private static Verdict delivery(OrderFacts order, LineFacts line) {
		if (!order.delivers()) {
			return Verdict.refused("address.nothingToDeliver");
		}
		if (line.status().isFinal()) {
			return Verdict.refused("delivery.over");
		}
		if (line.stage() == LineStatus.DELIVERED) {
			return Verdict.refused("delivery.delivered");
		}
		if (line.stage() == LineStatus.OUT_FOR_DELIVERY) {
			return Verdict.refused("delivery.outForDelivery");
		}
		return Verdict.instant();
	}

	private static boolean valuable(PolicyRules rules, OrderFacts order) {
		return order.total().compareTo(rules.approvalAbove()) > 0;
	}

	/**
	 * Whether the stage is the limit or after it.
	 */
	private static boolean reached(LineStatus stage, LineStatus limit) {
		return stage == limit || stage.isAfter(limit);
	}

}
