package io.concierge.identity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/**
 * A company account whose users share its orders, invoices and tickets.
 */
@Entity
class Organisation {

	@Id
	private UUID id;

	private String name;

	private Instant createdAt;

	Organisation(String name, Instant createdAt) {
		this.id = UUID.randomUUID();
		this.name = name;
		this.createdAt = createdAt;
	}

	protected Organisation() {
		this.id = UUID.randomUUID();
		this.name = "";
		this.createdAt = Instant.EPOCH;
	}

	UUID id() {
		return this.id;
	}

	String name() {
		return this.name;
	}

}
