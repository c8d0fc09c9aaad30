package io.concierge.partners;

import java.time.Instant;

import io.concierge.shared.AuditableEvent;

/**
 * A vendor's stock, threshold or purchase order changed, or its input was refused
 * ({@code partners.vendor.refused.*}): for the audit trail.
 */
public record VendorChanged(String actor, String action, String subject, String origin,
		Instant occurredAt) implements AuditableEvent {

}
