package io.concierge.orders;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.orders.ChangeEvents.AddressChangeRefused;
import io.concierge.orders.ChangeEvents.AddressChangeRequested;
import io.concierge.orders.ChangeEvents.AddressChanged;
import io.concierge.orders.ChangeEvents.ChangeRejected;
import io.concierge.orders.ChangeEvents.RefundDue;
import io.concierge.orders.ChangeEvents.ReturnApproved;
import io.concierge.orders.ChangeEvents.ReturnRejected;
import io.concierge.orders.ChangeEvents.ReturnStatusChanged;
import io.concierge.shared.NotFound;

/**
 * The other side of customers' changes: agents approve or reject what the policy left to
 * them, returns move on their way back as the warehouse or an agent reports, and the
 * warehouse confirms or refuses new addresses. For staff and integrations only; every
 * step goes to the audit trail and the subscribed systems.
 */
@Service
public class ChangeApprovals {

	private final ChangeSupport support;

	private final OrderChangeRepository changes;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ChangeApprovals(ChangeSupport support, OrderChangeRepository changes, ApplicationEventPublisher events,
			Clock clock) {
		this.support = support;
		this.changes = changes;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * A change with what an agent needs to decide it.
	 *
	 * @param verdict what the policy says about it now (it may have shipped meanwhile)
	 * @param photos the ids of the customer's photos
	 */
	public record Review(ChangeView change, Verdict verdict, List<UUID> photos, String customer) {

	}

	/**
	 * Changes waiting for approval, oldest first.
	 */
	@Transactional(readOnly = true)
	public List<ChangeView> pending() {
		return this.changes.findByStatusOrderByRequestedAt(ChangeStatus.REQUESTED)
			.stream()
			.map((change) -> this.support.view(this.support.order(change.orderId()), change))
			.toList();
	}

	/**
	 * Returns on their way back, most recently moved first.
	 */
	@Transactional(readOnly = true)
	public List<ChangeView> returnsUnderWay() {
		return this.changes
			.findTop100ByKindInAndStatusInOrderByUpdatedAtDesc(List.of(ChangeAction.RETURN, ChangeAction.EXCHANGE),
					List.of(ChangeStatus.LABEL_ISSUED, ChangeStatus.IN_TRANSIT, ChangeStatus.RECEIVED,
							ChangeStatus.INSPECTED))
			.stream()
			.map((change) -> this.support.view(this.support.order(change.orderId()), change))
			.toList();
	}

	@Transactional(readOnly = true)
	public Review review(UUID id) {
		OrderChange change = find(id);
		Order order = this.support.order(change.orderId());
		Verdict verdict;
		try {
			verdict = (change.status() == ChangeStatus.REQUESTED)
					? this.support.check(order, null, change.kind(), unitsOf(change), change.id()) : Verdict.instant();
		}
		catch (ChangeRefused refused) {
			verdict = refused.verdict();
		}
		return new Review(this.support.view(order, change), verdict, this.support.photoIds(id),
				(order.customerEmail() != null) ? order.customerEmail() : change.requestedBy());
	}

	/**
	 * A photo of a return, for an agent: the customer sees on their documents page that
	 * the agent looked at it, and why.
	 */
	@Transactional
	public Optional<ReturnPhotos.Photo> photo(UUID change, UUID photo, String agent) {
		return this.support.photo(change, photo, agent);
	}

	/**
	 * Carries out the change as asked: cancels, applies the address, issues the return's
	 * label.
	 * @throws ChangeRefused when the policy no longer allows it (it shipped meanwhile)
	 */
	@Transactional
	public ChangeView approve(UUID id, String agent, String origin) {
		OrderChange change = find(id);
		requireRequested(change);
		Order order = this.support.order(change.orderId());
		this.support.check(order, null, change.kind(), unitsOf(change), change.id());
		Instant now = this.clock.instant();
		switch (change.kind()) {
			case CANCEL -> {
				change.decide(ChangeStatus.DONE, agent, now, null);
				this.support.cancel(order, change, agent, origin, now);
			}
			case ADDRESS -> {
				change.decide(ChangeStatus.AWAITING_WAREHOUSE, agent, now, null);
				order.changeAddress(change.address(), now);
				this.events.publishEvent(new AddressChangeRequested(order.number(), change.id(), change.address(), true,
						agent, origin, now));
			}
			case RETURN, EXCHANGE -> {
				change.decide(ChangeStatus.LABEL_ISSUED, agent, now, null);
				this.events.publishEvent(new ReturnApproved(order.number(), change.id(), change.returnNumber(),
						this.support.lineUnits(order, change), agent, origin, now));
			}
			case DELIVERY -> throw new IllegalStateException("Delivery preferences never wait for approval");
		}
		this.support.changed(order);
		return this.support.view(order, change);
	}

	/**
	 * Rejects the change with a reason the customer reads on the order page.
	 */
	@Transactional
	public ChangeView reject(UUID id, String agent, String reason, String origin) {
		if (reason.isBlank()) {
			throw new InvalidChange(java.util.Map.of("reason", "approvals.error.reason"));
		}
		OrderChange change = find(id);
		requireRequested(change);
		Order order = this.support.order(change.orderId());
		Instant now = this.clock.instant();
		change.decide(ChangeStatus.REJECTED, agent, now, reason.strip());
		if (change.returnNumber() != null) {
			this.events.publishEvent(new ReturnRejected(order.number(), change.id(), change.returnNumber(),
					reason.strip(), agent, origin, now));
		}
		else {
			this.events.publishEvent(
					new ChangeRejected(order.number(), change.id(), change.kind(), reason.strip(), agent, origin, now));
		}
		this.support.changed(order);
		return this.support.view(order, change);
	}

	/**
	 * Moves a return on: in transit, received (its units count as returned), inspected,
	 * refunded (the refund falls due) or closed.
	 * @throws InvalidChange when the return cannot move there from where it is
	 */
	@Transactional
	public ChangeView advanceReturn(String returnNumber, ChangeStatus to, @Nullable String note, String actor,
			String origin) {
		OrderChange change = this.changes.findByReturnNumber(returnNumber)
			.orElseThrow(() -> new NotFound("return " + returnNumber));
		if (!change.status().canAdvanceTo(to)) {
			throw new InvalidChange("approvals.error.step", change.status(), to);
		}
		Order order = this.support.order(change.orderId());
		Instant now = this.clock.instant();
		if (to == ChangeStatus.RECEIVED) {
			order.returnUnits(change.units(), now, returnNumber);
		}
		if (to == ChangeStatus.REFUNDED && change.resolution() == Resolution.EXCHANGE) {
			throw new InvalidChange("approvals.error.exchangeRefund");
		}
		change.moveTo(to, now);
		this.events.publishEvent(new ReturnStatusChanged(order.number(), change.id(), returnNumber, to,
				(note == null || note.isBlank()) ? null : note.strip(), actor, origin, now));
		if (to == ChangeStatus.REFUNDED && change.refund() != null && change.refund().signum() > 0) {
			this.events.publishEvent(new RefundDue(order.number(), change.id(), this.support.lineUnits(order, change),
					change.refund(), order.totals().grandTotal().currency().getCurrencyCode(),
					this.support.destination(order, change.resolution()), actor, origin, now));
		}
		this.support.changed(order);
		return this.support.view(order, change);
	}

	/**
	 * The warehouse's answer to a new address: confirmed, or refused (the parcel was
	 * packed already), which puts the old address back and tells the customer why.
	 */
	@Transactional
	public ChangeView warehouseAnswered(UUID id, boolean accepted, @Nullable String reason, String actor,
			String origin) {
		OrderChange change = find(id);
		if (change.kind() != ChangeAction.ADDRESS || change.status() != ChangeStatus.AWAITING_WAREHOUSE) {
			throw new InvalidChange("approvals.error.notAwaiting");
		}
		Order order = this.support.order(change.orderId());
		Instant now = this.clock.instant();
		if (accepted) {
			change.decide(ChangeStatus.DONE, actor, now, null);
			this.events
				.publishEvent(new AddressChanged(order.number(), change.id(), change.address(), actor, origin, now));
		}
		else {
			String why = (reason == null || reason.isBlank()) ? null : reason.strip();
			change.decide(ChangeStatus.REFUSED_BY_WAREHOUSE, actor, now, why);
			if (change.previousAddress() != null) {
				order.changeAddress(change.previousAddress(), now);
			}
			this.events.publishEvent(new AddressChangeRefused(order.number(), change.id(), why, actor, origin, now));
		}
		this.support.changed(order);
		return this.support.view(order, change);
	}

	/**
	 * Address changes the warehouse has not answered yet, oldest first.
	 */
	@Transactional(readOnly = true)
	public List<UUID> awaitingWarehouse() {
		return this.changes.findByStatusOrderByRequestedAt(ChangeStatus.AWAITING_WAREHOUSE)
			.stream()
			.map(OrderChange::id)
			.toList();
	}

	/**
	 * Whether the order of the change still has lines not packed, so the warehouse can
	 * take the new address.
	 */
	@Transactional(readOnly = true)
	public boolean stillUnpacked(UUID id) {
		Order order = this.support.order(find(id).orderId());
		return order.lines()
			.stream()
			.anyMatch((line) -> !line.status().isFinal() && !line.stage().isAfter(LineStatus.PICKING));
	}

	private OrderChange find(UUID id) {
		return this.changes.findById(id).orElseThrow(() -> new NotFound("change " + id));
	}

	private static void requireRequested(OrderChange change) {
		if (change.status() != ChangeStatus.REQUESTED) {
			throw new InvalidChange("approvals.error.decided");
		}
	}

	private static java.util.Map<Integer, Integer> unitsOf(OrderChange change) {
		return (change.kind() == ChangeAction.ADDRESS || change.kind() == ChangeAction.DELIVERY) ? java.util.Map.of()
				: change.units();
	}

}
