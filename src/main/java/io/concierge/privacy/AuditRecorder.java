package io.concierge.privacy;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.concierge.shared.AuditableEvent;

/**
 * Records every auditable event once its publisher's transaction has committed. The event
 * publication registry retries those that fail, so none is lost.
 */
@Component
class AuditRecorder {

	private final AuditTrail trail;

	AuditRecorder(AuditTrail trail) {
		this.trail = trail;
	}

	@ApplicationModuleListener
	void on(AuditableEvent event) {
		this.trail.append(event);
	}

}
