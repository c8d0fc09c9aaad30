package io.concierge.billing;

import java.time.Clock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.billing.BillingEvents.PaymentRefused;
import io.concierge.billing.BillingEvents.SupplierInvoiceChanged;

/**
 * Writes a refused payment, webhook or supplier invoice to the audit trail in a
 * transaction of its own, so the entry stays when the refusal rolls back everything else.
 */
@Component
class BillingAudit {

	private final ApplicationEventPublisher events;

	private final Clock clock;

	BillingAudit(ApplicationEventPublisher events, Clock clock) {
		this.events = events;
		this.clock = clock;
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void refused(String actor, String subject, String reason, String origin) {
		this.events.publishEvent(new PaymentRefused(actor, subject, reason, origin, this.clock.instant()));
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void supplierInvoiceRefused(String actor, String subject, InvalidSupplierInvoice refusal, String origin) {
		this.events.publishEvent(new SupplierInvoiceChanged(actor, "billing.supplier-invoice.refused",
				subject + ": " + refusal.getMessage(), origin, this.clock.instant()));
	}

}
