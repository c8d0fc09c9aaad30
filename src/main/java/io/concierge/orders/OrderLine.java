package io.concierge.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.FullTextField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.KeywordField;

/**
 * One line of an order, with its own place in the lifecycle.
 */
@Entity
@Table(name = "order_line")
class OrderLine {

	/**
	 * What a move did to the line.
	 */
	enum Move {

		/** The line is there now. */
		MOVED,

		/** The line is there or further already, or the news is older than its status. */
		STALE,

		/** The line cannot go there from where it is. */
		REFUSED

	}

	@Id
	private UUID id;

	@Column(name = "line_number")
	private int number;

	@KeywordField(normalizer = OrderSearch.FOLDED)
	private String sku;

	@FullTextField(analyzer = OrderSearch.WORDS)
	private String name;

	private int quantity;

	private BigDecimal unitPrice;

	private BigDecimal discount;

	private BigDecimal tax;

	@Enumerated(EnumType.STRING)
	private LineStatus status;

	@Enumerated(EnumType.STRING)
	private LineStatus stage;

	private Instant changedAt;

	private int cancelledQuantity;

	private int returnedQuantity;

	protected OrderLine() {
	}

	OrderLine(int number, NewOrder.NewLine line, Instant placedAt) {
		this.id = UUID.randomUUID();
		this.number = number;
		this.sku = line.sku();
		this.name = line.name();
		this.quantity = line.quantity();
		this.unitPrice = line.unitPrice().amount();
		this.discount = line.discount().amount();
		this.tax = line.tax().amount();
		this.status = LineStatus.PLACED;
		this.stage = LineStatus.PLACED;
		this.changedAt = placedAt;
	}

	/**
	 * What moving to the status would do: forward through the stages, never back; into an
	 * exception only with news newer than the line's status; never out of cancelled or
	 * returned.
	 */
	Move check(LineStatus to, Instant at) {
		if (this.status.isFinal()) {
			return (this.status == to) ? Move.STALE : Move.REFUSED;
		}
		if (to.isStage()) {
			return to.isAfter(this.stage) ? Move.MOVED : Move.STALE;
		}
		if (this.status == to || at.isBefore(this.changedAt)) {
			return Move.STALE;
		}
		boolean allowed = switch (to) {
			case ON_HOLD, CANCELLED -> !this.stage.hasShipped();
			case DELAYED -> this.stage != LineStatus.DELIVERED;
			case DELIVERY_FAILED -> this.stage.hasShipped() && this.stage != LineStatus.DELIVERED;
			case RETURNED -> this.stage.hasShipped();
			default -> false;
		};
		return allowed ? Move.MOVED : Move.REFUSED;
	}

	/**
	 * Moves, after {@link #check} said it would.
	 */
	void moveTo(LineStatus to, Instant at) {
		if (to.isStage()) {
			this.stage = to;
		}
		this.status = to;
		if (at.isAfter(this.changedAt)) {
			this.changedAt = at;
		}
	}

	/**
	 * Takes units off the line: cancelled ones are not sent, returned ones came back. The
	 * line's status moves separately, when no unit is left.
	 */
	void cancelUnits(int units) {
		if (units < 1 || units > activeQuantity()) {
			throw new IllegalArgumentException(
					"Line " + this.number + " has " + activeQuantity() + " units, not " + units);
		}
		this.cancelledQuantity += units;
	}

	void returnUnits(int units) {
		if (units < 1 || units > activeQuantity() - this.returnedQuantity) {
			throw new IllegalArgumentException("Line " + this.number + " cannot take back " + units + " units");
		}
		this.returnedQuantity += units;
	}

	/**
	 * The units still ordered: the quantity less those cancelled.
	 */
	int activeQuantity() {
		return this.quantity - this.cancelledQuantity;
	}

	int cancelledQuantity() {
		return this.cancelledQuantity;
	}

	int returnedQuantity() {
		return this.returnedQuantity;
	}

	UUID id() {
		return this.id;
	}

	int number() {
		return this.number;
	}

	String sku() {
		return this.sku;
	}

	String name() {
		return this.name;
	}

	int quantity() {
		return this.quantity;
	}

	BigDecimal unitPrice() {
		return this.unitPrice;
	}

	BigDecimal discount() {
		return this.discount;
	}

	BigDecimal tax() {
		return this.tax;
	}

	LineStatus status() {
		return this.status;
	}

	LineStatus stage() {
		return this.stage;
	}

	Instant changedAt() {
		return this.changedAt;
	}

	OrderStatus.LineState state() {
		return new OrderStatus.LineState(this.status, this.stage);
	}

}
