package io.concierge.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A change a customer asked for on an order, and what became of it: the lines and units
 * it is about, the new address or delivery wishes, a return's reason and number, the
 * refund it will bring, and who decided it.
 */
@Entity
@Table(name = "order_change")
class OrderChange {

	/**
	 * Units of a line in a change; for an exchange, what the customer wants instead.
	 */
	@Embeddable
	record Units(@Column(name = "line_number") int line, int quantity, @Nullable String exchangeSku) {

	}

	@Id
	private UUID id;

	private UUID orderId;

	@Enumerated(EnumType.STRING)
	private ChangeAction kind;

	@Enumerated(EnumType.STRING)
	private ChangeStatus status;

	private @Nullable String returnNumber;

	private String requestedBy;

	private Instant requestedAt;

	@Enumerated(EnumType.STRING)
	private @Nullable ReturnReason reason;

	private @Nullable String reasonNote;

	@Enumerated(EnumType.STRING)
	private @Nullable Resolution resolution;

	private @Nullable BigDecimal refund;

	@Embedded
	@AttributeOverrides({ @AttributeOverride(name = "name", column = @Column(name = "new_name")),
			@AttributeOverride(name = "lines", column = @Column(name = "new_lines")),
			@AttributeOverride(name = "postalCode", column = @Column(name = "new_postal_code")),
			@AttributeOverride(name = "city", column = @Column(name = "new_city")),
			@AttributeOverride(name = "region", column = @Column(name = "new_region")),
			@AttributeOverride(name = "country", column = @Column(name = "new_country")) })
	private @Nullable Address address;

	@Embedded
	@AttributeOverrides({ @AttributeOverride(name = "name", column = @Column(name = "old_name")),
			@AttributeOverride(name = "lines", column = @Column(name = "old_lines")),
			@AttributeOverride(name = "postalCode", column = @Column(name = "old_postal_code")),
			@AttributeOverride(name = "city", column = @Column(name = "old_city")),
			@AttributeOverride(name = "region", column = @Column(name = "old_region")),
			@AttributeOverride(name = "country", column = @Column(name = "old_country")) })
	private @Nullable Address previousAddress;

	@Embedded
	@AttributeOverrides({ @AttributeOverride(name = "safePlace", column = @Column(name = "safe_place")),
			@AttributeOverride(name = "neighbour", column = @Column(name = "neighbour")),
			@AttributeOverride(name = "window", column = @Column(name = "delivery_window")),
			@AttributeOverride(name = "date", column = @Column(name = "delivery_date")) })
	private @Nullable DeliveryPreferences delivery;

	private @Nullable String decidedBy;

	private @Nullable Instant decidedAt;

	private @Nullable String decisionNote;

	private Instant updatedAt;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "order_change_line", joinColumns = @JoinColumn(name = "change_id"))
	private List<Units> lines = new ArrayList<>();

	protected OrderChange() {
	}

	OrderChange(UUID orderId, ChangeAction kind, ChangeStatus status, String requestedBy, Instant at,
			List<Units> lines) {
		this.id = UUID.randomUUID();
		this.orderId = orderId;
		this.kind = kind;
		this.status = status;
		this.requestedBy = requestedBy;
		this.requestedAt = at;
		this.updatedAt = at;
		this.lines = new ArrayList<>(lines);
	}

	OrderChange returning(String number, ReturnReason reason, @Nullable String note, Resolution resolution) {
		this.returnNumber = number;
		this.reason = reason;
		this.reasonNote = note;
		this.resolution = resolution;
		return this;
	}

	OrderChange refunding(@Nullable BigDecimal refund) {
		this.refund = refund;
		return this;
	}

	OrderChange toAddress(Address address, @Nullable Address previous) {
		this.address = address;
		this.previousAddress = previous;
		return this;
	}

	OrderChange withDelivery(DeliveryPreferences delivery) {
		this.delivery = delivery;
		return this;
	}

	void decide(ChangeStatus to, String by, Instant at, @Nullable String note) {
		this.decidedBy = by;
		this.decidedAt = at;
		this.decisionNote = note;
		moveTo(to, at);
	}

	void moveTo(ChangeStatus to, Instant at) {
		this.status = to;
		this.updatedAt = at;
	}

	UUID id() {
		return this.id;
	}

	UUID orderId() {
		return this.orderId;
	}

	ChangeAction kind() {
		return this.kind;
	}

	ChangeStatus status() {
		return this.status;
	}

	@Nullable String returnNumber() {
		return this.returnNumber;
	}

	String requestedBy() {
		return this.requestedBy;
	}

	Instant requestedAt() {
		return this.requestedAt;
	}

	@Nullable ReturnReason reason() {
		return this.reason;
	}

	@Nullable String reasonNote() {
		return this.reasonNote;
	}

	@Nullable Resolution resolution() {
		return this.resolution;
	}

	@Nullable BigDecimal refund() {
		return this.refund;
	}

	@Nullable Address address() {
		return this.address;
	}

	@Nullable Address previousAddress() {
		return this.previousAddress;
	}

	@Nullable DeliveryPreferences delivery() {
		return this.delivery;
	}

	@Nullable String decidedBy() {
		return this.decidedBy;
	}

	@Nullable String decisionNote() {
		return this.decisionNote;
	}

	Instant updatedAt() {
		return this.updatedAt;
	}

	List<Units> lines() {
		return this.lines;
	}

	java.util.Map<Integer, Integer> units() {
		java.util.Map<Integer, Integer> units = new java.util.LinkedHashMap<>();
		this.lines.forEach((line) -> units.put(line.line(), line.quantity()));
		return units;
	}

}
