/**
 * Billing: the invoices and credit notes of orders, numbered without gaps and never
 * changed once issued, as PDF/A-3 with their EN 16931 XML inside and as XRechnung; the
 * statement of account; payments and refunds through a payment provider; and the invoices
 * suppliers send (accounts payable), for any supplier id and name.
 */
@ApplicationModule(displayName = "Billing", allowedDependencies = { "shared", "identity", "orders", "documents" })
@NullMarked
package io.concierge.billing;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
