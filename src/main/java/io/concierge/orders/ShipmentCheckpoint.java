package io.concierge.orders;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.jspecify.annotations.Nullable;

/**
 * A carrier's scan of a parcel, as {@link ShipmentTracking} recorded it; read only here.
 */
@Entity
@Immutable
@Table(name = "shipment_checkpoint")
class ShipmentCheckpoint {

	@Id
	private Long id;

	private Instant occurredAt;

	@Enumerated(EnumType.STRING)
	private DeliveryStage stage;

	private @Nullable String description;

	private @Nullable String location;

	protected ShipmentCheckpoint() {
	}

	Instant occurredAt() {
		return this.occurredAt;
	}

	DeliveryStage stage() {
		return this.stage;
	}

	@Nullable String description() {
		return this.description;
	}

	@Nullable String location() {
		return this.location;
	}

}
