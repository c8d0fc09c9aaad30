package io.concierge.orders;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * One step in an order's history, from which its timeline is drawn.
 */
@Entity
@Table(name = "order_history")
class HistoryEntry {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private @Nullable Long id;

	private @Nullable Integer lineNumber;

	@Enumerated(EnumType.STRING)
	private LineStatus status;

	private Instant occurredAt;

	private @Nullable String note;

	protected HistoryEntry() {
	}

	HistoryEntry(@Nullable Integer lineNumber, LineStatus status, Instant occurredAt, @Nullable String note) {
		this.lineNumber = lineNumber;
		this.status = status;
		this.occurredAt = occurredAt;
		this.note = note;
	}

	@Nullable Integer lineNumber() {
		return this.lineNumber;
	}

	LineStatus status() {
		return this.status;
	}

	Instant occurredAt() {
		return this.occurredAt;
	}

	@Nullable String note() {
		return this.note;
	}

}
