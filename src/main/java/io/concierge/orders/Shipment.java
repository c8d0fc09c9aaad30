package io.concierge.orders;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A parcel on its way: which lines and how many of each, with whom, and by when it was
 * promised.
 */
@Entity
@Table(name = "shipment")
class Shipment {

	@Id
	private UUID id;

	private String carrier;

	private @Nullable String service;

	private @Nullable String trackingNumber;

	private @Nullable LocalDate promisedDelivery;

	private Instant shippedAt;

	@ElementCollection
	@CollectionTable(name = "shipment_line", joinColumns = @JoinColumn(name = "shipment_id"))
	private List<Item> items;

	// what carriers reported, written by ShipmentTracking only

	@Column(insertable = false, updatable = false)
	@Enumerated(EnumType.STRING)
	private @Nullable DeliveryStage stage;

	@Column(insertable = false, updatable = false)
	private @Nullable LocalDate carrierEstimate;

	@Column(insertable = false, updatable = false)
	private @Nullable String lastLocation;

	@Column(insertable = false, updatable = false)
	private @Nullable String signedBy;

	@Column(insertable = false, updatable = false)
	private @Nullable LocalDate predictedDelivery;

	@Column(insertable = false, updatable = false)
	private @Nullable LocalDate predictedEarliest;

	@Column(insertable = false, updatable = false)
	private @Nullable LocalDate predictedLatest;

	@Column(insertable = false, updatable = false)
	private @Nullable String predictionSource;

	@Column(insertable = false, updatable = false)
	private @Nullable String alert;

	@OneToMany
	@JoinColumn(name = "shipment_id", insertable = false, updatable = false)
	@OrderBy("occurredAt desc, id desc")
	private List<ShipmentCheckpoint> checkpoints = new ArrayList<>();

	protected Shipment() {
	}

	Shipment(String carrier, @Nullable String service, @Nullable String trackingNumber,
			@Nullable LocalDate promisedDelivery, Instant shippedAt, List<Item> items) {
		this.id = UUID.randomUUID();
		this.carrier = carrier;
		this.service = service;
		this.trackingNumber = trackingNumber;
		this.promisedDelivery = promisedDelivery;
		this.shippedAt = shippedAt;
		this.items = List.copyOf(items);
	}

	/**
	 * So many of the order's line with this number.
	 */
	@Embeddable
	record Item(@Column(name = "line_number") int line, int quantity) {

	}

	UUID id() {
		return this.id;
	}

	String carrier() {
		return this.carrier;
	}

	@Nullable String service() {
		return this.service;
	}

	@Nullable String trackingNumber() {
		return this.trackingNumber;
	}

	@Nullable LocalDate promisedDelivery() {
		return this.promisedDelivery;
	}

	Instant shippedAt() {
		return this.shippedAt;
	}

	List<Item> items() {
		return this.items;
	}

	@Nullable DeliveryStage stage() {
		return this.stage;
	}

	@Nullable LocalDate carrierEstimate() {
		return this.carrierEstimate;
	}

	@Nullable String lastLocation() {
		return this.lastLocation;
	}

	@Nullable String signedBy() {
		return this.signedBy;
	}

	/**
	 * Why its customer was last warned about it: {@code DELAY_PREDICTED}, {@code NO_SCAN}
	 * or an exception stage.
	 */
	@Nullable String alert() {
		return this.alert;
	}

	/**
	 * Concierge's estimate, when it has one.
	 */
	OrderDetails.ShipmentView.@Nullable Estimate estimate() {
		if (this.predictedDelivery == null || this.predictedEarliest == null || this.predictedLatest == null
				|| this.predictionSource == null) {
			return null;
		}
		return new OrderDetails.ShipmentView.Estimate(this.predictedDelivery, this.predictedEarliest,
				this.predictedLatest, this.predictionSource);
	}

	/**
	 * Newest first.
	 */
	List<ShipmentCheckpoint> checkpoints() {
		return this.checkpoints;
	}

}
