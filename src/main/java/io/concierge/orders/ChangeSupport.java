package io.concierge.orders;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.concierge.identity.Caller;
import io.concierge.identity.OrganisationRole;
import io.concierge.orders.ChangeEvents.LinesCancelled;
import io.concierge.orders.ChangeEvents.RefundDue;
import io.concierge.shared.NotFound;

/**
 * What the customers' and the agents' side of order changes share: finding the order,
 * asking the policy, carrying out a cancellation, and showing a change.
 */
@Component
class ChangeSupport {

	private final OrderRepository orders;

	private final OrderChangeRepository changes;

	private final PolicySettings settings;

	private final OrderChanges live;

	private final ApplicationEventPublisher events;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final EntityManager entityManager;

	private final ReturnPhotoStore photos;

	ChangeSupport(OrderRepository orders, OrderChangeRepository changes, PolicySettings settings, OrderChanges live,
			ApplicationEventPublisher events, JdbcClient jdbc, Clock clock, EntityManager entityManager,
			ReturnPhotoStore photos) {
		this.photos = photos;
		this.orders = orders;
		this.changes = changes;
		this.settings = settings;
		this.live = live;
		this.events = events;
		this.jdbc = jdbc;
		this.clock = clock;
		this.entityManager = entityManager;
	}

	/**
	 * The policy's rules, the order's facts and the verdicts on them, with the order's
	 * changes so far.
	 *
	 * @param mayChange whether the caller may change the order at all (a company's
	 * viewers and finance staff may not)
	 */
	record Context(PolicyRules rules, ChangePolicy.OrderFacts facts, Map<ChangeAction, ChangePolicy.Decision> decisions,
			List<OrderChange> changes, boolean mayChange) {

	}

	Optional<Order> owned(Caller caller, String number) {
		return this.orders.findOwned(number, caller.account(), caller.organisation());
	}

	Order ownedOrThrow(Caller caller, String number) {
		return owned(caller, number).orElseThrow(() -> new NotFound("order " + number));
	}

	Order order(UUID id) {
		return this.orders.findById(id).orElseThrow(() -> new NotFound("order " + id));
	}

	PolicyRules rules() {
		return this.settings.rules();
	}

	/**
	 * @param caller who asks; null for staff, who may change any order
	 */
	Context context(Order order, @Nullable Caller caller) {
		return context(order, caller, null);
	}

	/**
	 * @param excluding a change not to count as under way: the one being decided
	 */
	private Context context(Order order, @Nullable Caller caller, @Nullable UUID excluding) {
		PolicyRules rules = this.settings.rules();
		List<OrderChange> history = this.changes.findByOrderIdOrderByRequestedAtDesc(order.id());
		Map<Integer, Integer> underWay = new HashMap<>();
		history.stream()
			.filter((change) -> !change.id().equals(excluding))
			.filter((change) -> (change.kind() == ChangeAction.RETURN || change.kind() == ChangeAction.EXCHANGE)
					&& change.status().isUnderWay() && change.status() != ChangeStatus.RECEIVED
					&& change.status() != ChangeStatus.INSPECTED)
			.forEach((change) -> change.units().forEach((line, units) -> underWay.merge(line, units, Integer::sum)));
		ChangePolicy.OrderFacts facts = order.facts(flags(order), underWay);
		boolean mayChange = caller == null || caller.account().equals(order.accountId())
				|| (caller.organisation() != null && caller.organisation().equals(order.organisationId())
						&& (caller.may(OrganisationRole.ADMIN) || caller.may(OrganisationRole.BUYER)));
		Map<ChangeAction, ChangePolicy.Decision> decisions = ChangePolicy.decideAll(rules, facts, this.clock.instant());
		if (!mayChange) {
			decisions
				.replaceAll((action, decision) -> new ChangePolicy.Decision(Verdict.refused("role"), decision.lines()));
		}
		return new Context(rules, facts, decisions, history, mayChange);
	}

	/**
	 * The verdict for the action on the chosen lines: the strictest of theirs, or the
	 * order's for the address and delivery.
	 * @throws ChangeRefused when it is not allowed
	 */
	Verdict check(Order order, @Nullable Caller caller, ChangeAction action, Map<Integer, Integer> units) {
		return check(order, caller, action, units, null);
	}

	/**
	 * @param excluding a change waiting for approval, which is being decided
	 */
	Verdict check(Order order, @Nullable Caller caller, ChangeAction action, Map<Integer, Integer> units,
			@Nullable UUID excluding) {
		Context context = context(order, caller, excluding);
		if (!context.mayChange()) {
			throw new ChangeRefused(Verdict.refused("role"));
		}
		ChangePolicy.Decision decision = context.decisions().get(action);
		Verdict verdict;
		if (units.isEmpty()) {
			verdict = decision.overall();
		}
		else {
			verdict = Verdict.instant();
			for (int line : units.keySet()) {
				Verdict lineVerdict = decision.lines().get(line);
				if (lineVerdict == null) {
					throw new InvalidChange("change.error.noSuchLine", line);
				}
				verdict = verdict.stricter(lineVerdict);
			}
		}
		if (!verdict.allowed()) {
			throw new ChangeRefused(verdict);
		}
		return verdict;
	}

	/**
	 * The lines with units chosen.
	 * @throws InvalidChange when none are, or a count is negative
	 */
	static Map<Integer, Integer> chosen(Map<Integer, Integer> units) {
		if (units.values().stream().anyMatch((count) -> count == null || count < 0)) {
			throw new InvalidChange("change.error.nothingChosen");
		}
		Map<Integer, Integer> chosen = new LinkedHashMap<>();
		units.forEach((line, count) -> {
			if (count > 0) {
				chosen.put(line, count);
			}
		});
		if (chosen.isEmpty()) {
			throw new InvalidChange("change.error.nothingChosen");
		}
		return chosen;
	}

	OrderLine lineOrThrow(Order order, int number) {
		return order.lines()
			.stream()
			.filter((line) -> line.number() == number)
			.findFirst()
			.orElseThrow(() -> new InvalidChange("change.error.noSuchLine", number));
	}

	/**
	 * Cancels the change's units now, with the refund they bring.
	 */
	void cancel(Order order, OrderChange change, String actor, String origin, Instant now) {
		Map<Integer, Integer> units = change.units();
		Refunds.Refund refund = Refunds.of(order.totals(), order.refundLines(), units,
				order.nothingShipsWithout(units));
		change.refunding(refund.total().amount());
		List<ChangeEvents.LineUnits> lines = lineUnits(order, change);
		order.cancelUnits(units, now, null);
		String currency = refund.total().currency().getCurrencyCode();
		this.events.publishEvent(new LinesCancelled(order.number(), change.id(), lines, refund.total().amount(),
				currency, actor, origin, now));
		if (refund.total().amount().signum() > 0) {
			this.events.publishEvent(new RefundDue(order.number(), change.id(), lines, refund.total().amount(),
					currency, destination(order, Resolution.REFUND), actor, origin, now));
		}
	}

	/**
	 * Stores the order with the events its changes registered, and tells open pages.
	 */
	void changed(Order order) {
		this.orders.save(order);
		this.live.changed(order.number());
	}

	List<OrderChange.Units> units(Map<Integer, Integer> units, Map<Integer, String> exchangeFor) {
		List<OrderChange.Units> lines = new ArrayList<>();
		units.forEach((line, count) -> lines.add(new OrderChange.Units(line, count, exchangeFor.get(line))));
		lines.sort(Comparator.comparingInt(OrderChange.Units::line));
		return lines;
	}

	List<ChangeView.Units> unitViews(Order order, Map<Integer, Integer> units, Map<Integer, String> exchangeNames) {
		return units.entrySet().stream().sorted(Map.Entry.comparingByKey()).map((entry) -> {
			OrderLine line = order.line(entry.getKey());
			return new ChangeView.Units(line.number(), line.sku(), line.name(), entry.getValue(),
					exchangeNames.get(line.number()));
		}).toList();
	}

	List<ChangeEvents.LineUnits> lineUnits(Order order, OrderChange change) {
		return change.lines()
			.stream()
			.map((units) -> new ChangeEvents.LineUnits(units.line(), order.line(units.line()).sku(), units.quantity(),
					units.exchangeSku()))
			.toList();
	}

	ChangeView view(Order order, OrderChange change) {
		Map<String, String> names = new HashMap<>();
		if (change.lines().stream().anyMatch((units) -> units.exchangeSku() != null)) {
			this.jdbc.sql("select sku, name, variant from product_variant where sku in (:skus)")
				.param("skus",
						change.lines()
							.stream()
							.map(OrderChange.Units::exchangeSku)
							.filter(java.util.Objects::nonNull)
							.toList())
				.query((row, n) -> names.put(row.getString("sku"),
						row.getString("name") + " – " + row.getString("variant")))
				.list();
		}
		List<ChangeView.Units> units = change.lines().stream().map((line) -> {
			OrderLine orderLine = order.line(line.line());
			String exchange = (line.exchangeSku() == null) ? null
					: names.getOrDefault(line.exchangeSku(), line.exchangeSku());
			return new ChangeView.Units(line.line(), orderLine.sku(), orderLine.name(), line.quantity(), exchange);
		}).toList();
		int photos = (change.returnNumber() == null) ? 0
				: this.jdbc.sql("select count(*) from return_photo where change_id = ?")
					.param(change.id())
					.query(Integer.class)
					.single();
		return new ChangeView(change.id(), order.number(), change.kind(), change.status(), change.returnNumber(),
				change.requestedBy(), change.requestedAt(), change.updatedAt(), units,
				(change.refund() != null) ? order.money(change.refund()) : null, change.reason(), change.reasonNote(),
				change.resolution(), change.address(), change.delivery(), change.decisionNote(), photos);
	}

	/**
	 * For each of the order's SKUs that belongs to a product with variants: the variants,
	 * itself included.
	 */
	Map<String, List<OrderSelfService.Variant>> variants(Order order) {
		Map<String, List<OrderSelfService.Variant>> variants = new LinkedHashMap<>();
		this.jdbc.sql("""
				select mine.sku as mine, other.sku, other.name, other.variant
				from product_variant mine join product_variant other on other.product = mine.product
				where mine.sku in (:skus) order by other.variant, other.sku""")
			.param("skus", order.lines().stream().map(OrderLine::sku).toList())
			.query((row, n) -> variants.computeIfAbsent(row.getString("mine"), (key) -> new ArrayList<>())
				.add(new OrderSelfService.Variant(row.getString("sku"),
						row.getString("name") + " – " + row.getString("variant"))))
			.list();
		return variants;
	}

	Map<String, Set<ProductFlag>> flags(Order order) {
		Map<String, Set<ProductFlag>> flags = new HashMap<>();
		this.jdbc.sql("select sku, final_sale, perishable, made_to_order from product_variant where sku in (:skus)")
			.param("skus", order.lines().stream().map(OrderLine::sku).toList())
			.query((row, n) -> {
				Set<ProductFlag> set = EnumSet.noneOf(ProductFlag.class);
				if (row.getBoolean("final_sale")) {
					set.add(ProductFlag.FINAL_SALE);
				}
				if (row.getBoolean("perishable")) {
					set.add(ProductFlag.PERISHABLE);
				}
				if (row.getBoolean("made_to_order")) {
					set.add(ProductFlag.MADE_TO_ORDER);
				}
				return flags.put(row.getString("sku"), set);
			})
			.list();
		return flags;
	}

	/**
	 * Whether a parcel of the order is with a carrier that lets the customer choose the
	 * day.
	 */
	boolean reschedulable(Order order, PolicyRules rules) {
		return order.shipments()
			.stream()
			.anyMatch((shipment) -> rules.rescheduleCarriers()
				.contains(shipment.carrier().toUpperCase(java.util.Locale.ROOT)));
	}

	@Nullable LocalDate promisedDelivery(Order order) {
		return order.shipments()
			.stream()
			.map(Shipment::promisedDelivery)
			.filter(java.util.Objects::nonNull)
			.max(Comparator.naturalOrder())
			.orElse(null);
	}

	/**
	 * Where money goes back: store credit when asked for, a credit note for a company,
	 * else the way the customer paid.
	 */
	String destination(Order order, @Nullable Resolution resolution) {
		if (resolution == Resolution.STORE_CREDIT) {
			return "STORE_CREDIT";
		}
		return (order.organisationId() != null) ? "CREDIT_NOTE" : "ORIGINAL_PAYMENT";
	}

	String nextReturnNumber() {
		return "R-" + this.jdbc.sql("select nextval('return_number_seq')").query(Long.class).single();
	}

	void savePhotos(OrderChange change, List<ReturnPhotos.Photo> photos, UUID owner, String actor, String origin) {
		if (!photos.isEmpty()) {
			// the photos refer to the change, which JPA would otherwise insert only at
			// commit
			this.entityManager.flush();
		}
		this.photos.save(change.id(), change.returnNumber(), photos, owner, actor, origin);
	}

	List<UUID> photoIds(UUID change) {
		return this.photos.ids(change);
	}

	Optional<ReturnPhotos.Photo> photo(UUID change, UUID photo, String agent) {
		return this.photos.open(change, photo, agent);
	}

}
