package io.concierge.orders;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.identity.Caller;
import io.concierge.orders.ChangeEvents.AddressChangeRequested;
import io.concierge.orders.ChangeEvents.CancellationRequested;
import io.concierge.orders.ChangeEvents.DeliveryPreferencesChanged;
import io.concierge.orders.ChangeEvents.ReturnApproved;
import io.concierge.orders.ChangeEvents.ReturnRequested;
import io.concierge.shared.Money;
import io.concierge.shared.NotFound;

/**
 * What customers change on their own orders: cancel lines or units, send what has not
 * left to another address, return or exchange what arrived, and say how parcels are
 * handed over. Every request is checked against the {@link ChangePolicy} here, whatever
 * the page offered: what it allows at once is done, what needs approval waits for an
 * agent ({@link ChangeApprovals}), what it refuses changes nothing.
 */
@Service
public class OrderSelfService {

	private final ChangeSupport support;

	private final OrderChangeRepository changes;

	private final ApplicationEventPublisher events;

	private final MessageSource messages;

	private final Clock clock;

	OrderSelfService(ChangeSupport support, OrderChangeRepository changes, ApplicationEventPublisher events,
			MessageSource messages, Clock clock) {
		this.support = support;
		this.changes = changes;
		this.events = events;
		this.messages = messages;
		this.clock = clock;
	}

	/**
	 * What the customer may do to an order now.
	 *
	 * @param actions each action's verdict for the order
	 * @param lines each line with what may be done to it
	 * @param reschedule whether the carrier lets the customer choose the delivery day
	 * @param changes what was asked for before, newest first
	 */
	public record ChangeOptions(String number, Map<ChangeAction, Verdict> actions, List<LineOptions> lines,
			@Nullable Address shipTo, @Nullable DeliveryPreferences delivery, boolean reschedule,
			List<ChangeView> changes) {

		public Verdict verdict(String action) {
			return this.actions.get(ChangeAction.valueOf(action));
		}

	}

	/**
	 * @param cancellable units that may still be cancelled (not shipped)
	 * @param returnable units that may be returned
	 * @param exchangeFor the other variants of its product, and itself
	 */
	public record LineOptions(int number, String sku, String name, int quantity, Money unitPrice, int cancellable,
			int returnable, Map<ChangeAction, Verdict> verdicts, List<Variant> exchangeFor) {

		public Verdict verdict(String action) {
			return this.verdicts.get(ChangeAction.valueOf(action));
		}

	}

	/**
	 * A variant of a product: another size or colour.
	 */
	public record Variant(String sku, String label) {

	}

	/**
	 * What a change will do, shown before the customer confirms it.
	 *
	 * @param verdict instant or needs approval
	 * @param refund what comes back, with how much of it is tax and shipping
	 * @param destination where the money goes: {@code ORIGINAL_PAYMENT},
	 * {@code CREDIT_NOTE}, {@code STORE_CREDIT}, or {@code NONE} for an exchange
	 * @param wholeOrder whether nothing of the order is left afterwards
	 */
	public record Preview(String number, ChangeAction action, Verdict verdict, List<ChangeView.Units> lines,
			@Nullable Money refund, @Nullable Money refundTax, @Nullable Money refundShipping, String destination,
			boolean wholeOrder, @Nullable LocalDate deliveryEstimate) {

	}

	/**
	 * A return or exchange as the customer asks for it.
	 *
	 * @param units how many of each line
	 * @param exchangeFor for an exchange, the SKU wanted instead of each line
	 */
	public record ReturnRequest(Map<Integer, Integer> units, Map<Integer, String> exchangeFor, ReturnReason reason,
			@Nullable String note, Resolution resolution) {

		public ReturnRequest {
			units = ChangeSupport.chosen(units);
			exchangeFor = Map.copyOf(exchangeFor);
			note = (note == null || note.isBlank()) ? null : note.strip();
		}

	}

	/**
	 * The order's page: the order and what may be changed, from one read of the order.
	 */
	public record OrderView(OrderDetails order, ChangeOptions options) {

	}

	@Transactional(readOnly = true)
	public Optional<OrderView> view(Caller caller, String number) {
		return this.support.owned(caller, number)
			.map((order) -> new OrderView(OrderQueries.details(order), options(order, caller)));
	}

	@Transactional(readOnly = true)
	public Optional<ChangeOptions> options(Caller caller, String number) {
		return this.support.owned(caller, number).map((order) -> options(order, caller));
	}

	private ChangeOptions options(Order order, Caller caller) {
		ChangeSupport.Context context = this.support.context(order, caller);
		Map<ChangeAction, Verdict> actions = new EnumMap<>(ChangeAction.class);
		context.decisions().forEach((action, decision) -> actions.put(action, decision.overall()));
		Map<String, List<Variant>> variants = this.support.variants(order);
		List<LineOptions> lines = new ArrayList<>();
		for (ChangePolicy.LineFacts facts : context.facts().lines()) {
			OrderLine line = order.line(facts.number());
			Map<ChangeAction, Verdict> verdicts = new EnumMap<>(ChangeAction.class);
			context.decisions()
				.forEach((action, decision) -> verdicts.put(action, decision.lines().get(line.number())));
			lines.add(new LineOptions(line.number(), line.sku(), line.name(), line.activeQuantity(),
					order.money(line.unitPrice()), facts.cancellable(), facts.returnable(), verdicts,
					variants.getOrDefault(line.sku(), List.of())));
		}
		return new ChangeOptions(order.number(), actions, lines, order.shipTo(), order.delivery(),
				this.support.reschedulable(order, context.rules()),
				context.changes().stream().map((change) -> this.support.view(order, change)).toList());
	}

	@Transactional(readOnly = true)
	public Preview previewCancel(Caller caller, String number, Map<Integer, Integer> units) {
		Order order = this.support.ownedOrThrow(caller, number);
		Map<Integer, Integer> chosen = ChangeSupport.chosen(units);
		return cancelPreview(order, chosen, checkCancel(order, caller, chosen));
	}

	/**
	 * Cancels the units, or asks for it where the policy wants approval.
	 * @throws ChangeRefused when the policy does not allow it
	 * @throws InvalidChange when no units are chosen or more than may be cancelled
	 */
	@Transactional
	public ChangeView cancel(Caller caller, String number, Map<Integer, Integer> chosen, String actor, String origin) {
		Order order = this.support.ownedOrThrow(caller, number);
		Map<Integer, Integer> units = ChangeSupport.chosen(chosen);
		Verdict verdict = checkCancel(order, caller, units);
		Instant now = this.clock.instant();
		Preview preview = cancelPreview(order, units, verdict);
		OrderChange change = new OrderChange(order.id(), ChangeAction.CANCEL,
				verdict.isInstant() ? ChangeStatus.DONE : ChangeStatus.REQUESTED, actor, now,
				this.support.units(units, Map.of()))
			.refunding(preview.refund().amount());
		this.changes.save(change);
		if (verdict.isInstant()) {
			this.support.cancel(order, change, actor, origin, now);
		}
		else {
			this.events.publishEvent(new CancellationRequested(order.number(), change.id(),
					this.support.lineUnits(order, change), actor, origin, now));
		}
		this.support.changed(order);
		return this.support.view(order, change);
	}

	@Transactional(readOnly = true)
	public Preview previewAddress(Caller caller, String number, Address address) {
		Order order = this.support.ownedOrThrow(caller, number);
		Verdict verdict = this.support.check(order, caller, ChangeAction.ADDRESS, Map.of());
		return new Preview(order.number(), ChangeAction.ADDRESS, verdict, List.of(), null, null, null, "NONE", false,
				this.support.promisedDelivery(order));
	}

	/**
	 * Sends what has not left yet to the new address. It is the order's address at once
	 * (or after approval) and goes to the warehouse, which may still refuse it.
	 */
	@Transactional
	public ChangeView changeAddress(Caller caller, String number, Address address, String actor, String origin) {
		Order order = this.support.ownedOrThrow(caller, number);
		Verdict verdict = this.support.check(order, caller, ChangeAction.ADDRESS, Map.of());
		Instant now = this.clock.instant();
		OrderChange change = new OrderChange(order.id(), ChangeAction.ADDRESS,
				verdict.isInstant() ? ChangeStatus.AWAITING_WAREHOUSE : ChangeStatus.REQUESTED, actor, now, List.of())
			.toAddress(address, order.shipTo());
		this.changes.save(change);
		if (verdict.isInstant()) {
			order.changeAddress(address, now);
		}
		this.events.publishEvent(new AddressChangeRequested(order.number(), change.id(), address, verdict.isInstant(),
				actor, origin, now));
		this.support.changed(order);
		return this.support.view(order, change);
	}

	@Transactional(readOnly = true)
	public Preview previewReturn(Caller caller, String number, ReturnRequest request) {
		Order order = this.support.ownedOrThrow(caller, number);
		Verdict verdict = checkReturn(order, caller, request);
		return returnPreview(order, request, verdict);
	}

	/**
	 * Opens a return with its RMA number; approved at once with its label where the
	 * policy allows, else waiting for an agent.
	 */
	@Transactional
	public ChangeView requestReturn(Caller caller, String number, ReturnRequest request,
			List<ReturnPhotos.Photo> photos, String actor, String origin) {
		Order order = this.support.ownedOrThrow(caller, number);
		Verdict verdict = checkReturn(order, caller, request);
		Instant now = this.clock.instant();
		Preview preview = returnPreview(order, request, verdict);
		String returnNumber = this.support.nextReturnNumber();
		OrderChange change = new OrderChange(order.id(),
				(request.resolution() == Resolution.EXCHANGE) ? ChangeAction.EXCHANGE : ChangeAction.RETURN,
				verdict.isInstant() ? ChangeStatus.LABEL_ISSUED : ChangeStatus.REQUESTED, actor, now,
				this.support.units(request.units(), request.exchangeFor()))
			.returning(returnNumber, request.reason(), request.note(), request.resolution())
			.refunding((preview.refund() != null) ? preview.refund().amount() : null);
		this.changes.save(change);
		this.support.savePhotos(change, photos, caller.account(), actor, origin);
		List<ChangeEvents.LineUnits> lines = this.support.lineUnits(order, change);
		this.events.publishEvent(new ReturnRequested(order.number(), change.id(), returnNumber, lines, request.reason(),
				request.note(), request.resolution(), photos.size(), verdict.isInstant(), actor, origin, now));
		if (verdict.isInstant()) {
			this.events.publishEvent(
					new ReturnApproved(order.number(), change.id(), returnNumber, lines, "policy", origin, now));
		}
		this.support.changed(order);
		return this.support.view(order, change);
	}

	@Transactional(readOnly = true)
	public Preview previewDelivery(Caller caller, String number, DeliveryPreferences preferences) {
		Order order = this.support.ownedOrThrow(caller, number);
		Verdict verdict = checkDelivery(order, caller, preferences);
		return new Preview(order.number(), ChangeAction.DELIVERY, verdict, List.of(), null, null, null, "NONE", false,
				(preferences.date() != null) ? preferences.date() : this.support.promisedDelivery(order));
	}

	@Transactional
	public ChangeView changeDelivery(Caller caller, String number, DeliveryPreferences preferences, String actor,
			String origin) {
		Order order = this.support.ownedOrThrow(caller, number);
		checkDelivery(order, caller, preferences);
		Instant now = this.clock.instant();
		OrderChange change = new OrderChange(order.id(), ChangeAction.DELIVERY, ChangeStatus.DONE, actor, now,
				List.of())
			.withDelivery(preferences);
		this.changes.save(change);
		order.changeDelivery(preferences, now);
		this.events
			.publishEvent(new DeliveryPreferencesChanged(order.number(), change.id(), preferences, actor, origin, now));
		this.support.changed(order);
		return this.support.view(order, change);
	}

	/**
	 * The changes of the caller's order.
	 */
	@Transactional(readOnly = true)
	public List<ChangeView> changes(Caller caller, String number) {
		Order order = this.support.ownedOrThrow(caller, number);
		return this.changes.findByOrderIdOrderByRequestedAtDesc(order.id())
			.stream()
			.map((change) -> this.support.view(order, change))
			.toList();
	}

	/**
	 * The printable label of the caller's approved return, in their language.
	 */
	@Transactional(readOnly = true)
	public Optional<byte[]> returnLabel(Caller caller, String number, String returnNumber, Locale locale) {
		Order order = this.support.ownedOrThrow(caller, number);
		return this.changes.findByReturnNumber(returnNumber)
			.filter((change) -> change.orderId().equals(order.id()))
			.map((change) -> this.support.view(order, change))
			.filter(ChangeView::hasLabel)
			.map((change) -> ReturnLabels.pdf(new ReturnLabels.Label(returnNumber,
					text("label.order", locale, order.number()),
					(order.shipTo() != null) ? order.shipTo().name() + ", " + order.shipTo().city() : "",
					List.of(text("label.address.1", locale), text("label.address.2", locale),
							text("label.address.3", locale)),
					text("label.heading", locale), text("label.to", locale), text("label.from", locale),
					List.of(text("label.instructions.1", locale, returnNumber), text("label.instructions.2", locale),
							text("label.instructions.3", locale)))));
	}

	private String text(String key, Locale locale, Object... arguments) {
		return this.messages.getMessage(key, arguments, locale);
	}

	private Verdict checkCancel(Order order, Caller caller, Map<Integer, Integer> units) {
		for (Map.Entry<Integer, Integer> entry : units.entrySet()) {
			OrderLine line = this.support.lineOrThrow(order, entry.getKey());
			if (entry.getValue() > order.cancellable(line) && order.cancellable(line) > 0) {
				throw new InvalidChange("change.error.tooMany", line.name(), order.cancellable(line));
			}
		}
		return this.support.check(order, caller, ChangeAction.CANCEL, units);
	}

	private Preview cancelPreview(Order order, Map<Integer, Integer> units, Verdict verdict) {
		Refunds.Refund refund = Refunds.of(order.totals(), order.refundLines(), units,
				order.nothingShipsWithout(units));
		return new Preview(order.number(), ChangeAction.CANCEL, verdict, this.support.unitViews(order, units, Map.of()),
				refund.total(), refund.tax(), refund.shipping(), this.support.destination(order, Resolution.REFUND),
				order.nothingShipsWithout(units), this.support.promisedDelivery(order));
	}

	private Verdict checkReturn(Order order, Caller caller, ReturnRequest request) {
		ChangeSupport.Context context = this.support.context(order, caller);
		Map<String, List<Variant>> variants = this.support.variants(order);
		for (Map.Entry<Integer, Integer> entry : request.units().entrySet()) {
			OrderLine line = this.support.lineOrThrow(order, entry.getKey());
			int returnable = context.facts()
				.lines()
				.stream()
				.filter((facts) -> facts.number() == line.number())
				.findFirst()
				.orElseThrow()
				.returnable();
			if (entry.getValue() > returnable && returnable > 0) {
				throw new InvalidChange("change.error.tooMany", line.name(), returnable);
			}
			if (request.resolution() == Resolution.EXCHANGE) {
				String wanted = request.exchangeFor().get(line.number());
				if (wanted == null || variants.getOrDefault(line.sku(), List.of(new Variant(line.sku(), line.name())))
					.stream()
					.noneMatch((variant) -> variant.sku().equals(wanted))) {
					throw new InvalidChange(Map.of("exchange-" + line.number(), "return.error.exchange"));
				}
			}
		}
		if (request.note() != null && request.note().length() > 2_000) {
			throw new InvalidChange(Map.of("note", "return.error.note"));
		}
		return this.support.check(order, caller,
				(request.resolution() == Resolution.EXCHANGE) ? ChangeAction.EXCHANGE : ChangeAction.RETURN,
				request.units());
	}

	private Preview returnPreview(Order order, ReturnRequest request, Verdict verdict) {
		boolean exchange = request.resolution() == Resolution.EXCHANGE;
		Refunds.Refund refund = exchange ? null
				: Refunds.of(order.totals(), order.refundLines(), request.units(), false);
		Map<Integer, String> exchangeNames = new HashMap<>();
		if (exchange) {
			Map<String, List<Variant>> variants = this.support.variants(order);
			request.exchangeFor()
				.forEach((line, sku) -> variants.values()
					.stream()
					.flatMap(List::stream)
					.filter((variant) -> variant.sku().equals(sku))
					.findFirst()
					.ifPresent((variant) -> exchangeNames.put(line, variant.label())));
		}
		return new Preview(order.number(), exchange ? ChangeAction.EXCHANGE : ChangeAction.RETURN, verdict,
				this.support.unitViews(order, request.units(), exchangeNames), (refund != null) ? refund.total() : null,
				(refund != null) ? refund.tax() : null, null,
				exchange ? "NONE" : this.support.destination(order, request.resolution()), false, null);
	}

	private Verdict checkDelivery(Order order, Caller caller, DeliveryPreferences preferences) {
		if (preferences.isEmpty()) {
			throw new InvalidChange("delivery.error.empty");
		}
		if (preferences.date() != null) {
			if (!this.support.reschedulable(order, this.support.rules())) {
				throw new InvalidChange(Map.of("date", "delivery.error.carrier"));
			}
			LocalDate today = this.clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
			LocalDate date = preferences.date();
			if (!date.isAfter(today) || date.isAfter(today.plusDays(14)) || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
				throw new InvalidChange(Map.of("date", "delivery.error.date"));
			}
		}
		return this.support.check(order, caller, ChangeAction.DELIVERY, Map.of());
	}

}
