package io.concierge.partners;

import java.time.Clock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Announces a vendor's refused input for the audit trail in a transaction of its own, so
 * that the entry is kept although the refusal rolls back everything else.
 */
@Component
class VendorAudit {

	private final ApplicationEventPublisher events;

	private final Clock clock;

	VendorAudit(ApplicationEventPublisher events, Clock clock) {
		this.events = events;
		this.clock = clock;
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void refused(Partner vendor, VendorRefused refusal, String actor, String origin) {
		this.events.publishEvent(new VendorChanged(actor, refusal.messageKey(),
				vendor.name() + ": " + refusal.getMessage(), origin, this.clock.instant()));
	}

}
