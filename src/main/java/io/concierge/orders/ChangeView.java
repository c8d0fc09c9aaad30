package io.concierge.orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.concierge.shared.Money;

/**
 * A change of an order as the customer's page, the agents' queue and the API show it.
 *
 * @param refund what it gives back, where it gives money back
 * @param decisionNote why an agent or the warehouse refused it
 * @param photos how many photos the customer added
 */
public record ChangeView(UUID id, String orderNumber, ChangeAction kind, ChangeStatus status,
		@Nullable String returnNumber, String requestedBy, Instant requestedAt, Instant updatedAt, List<Units> lines,
		@Nullable Money refund, @Nullable ReturnReason reason, @Nullable String reasonNote,
		@Nullable Resolution resolution, @Nullable Address address, @Nullable DeliveryPreferences delivery,
		@Nullable String decisionNote, int photos) {

	/**
	 * Units of a line.
	 *
	 * @param exchangeFor the name of what the customer wants instead, for an exchange
	 */
	public record Units(int line, String sku, String name, int quantity, @Nullable String exchangeFor) {

	}

	/**
	 * A return with its label ready to print.
	 */
	public boolean hasLabel() {
		return this.returnNumber != null
				&& (this.status == ChangeStatus.LABEL_ISSUED || this.status == ChangeStatus.APPROVED);
	}

	/**
	 * The steps a return goes through, for its progress.
	 */
	public List<ChangeStatus> steps() {
		return ChangeStatus.returnSteps();
	}

	/**
	 * Still waiting for an agent.
	 */
	public boolean pending() {
		return this.status == ChangeStatus.REQUESTED;
	}

}
