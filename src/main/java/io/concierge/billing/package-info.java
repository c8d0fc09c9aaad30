/**
 * Billing: the invoices and credit notes of orders, numbered without gaps and never
 * changed once issued, as PDF/A-3 with their EN 16931 XML inside and as XRechnung; the
 * statement of account; and payments and refunds through a payment provider.
 */
@ApplicationModule(displayName = "Billing", allowedDependencies = { "shared", "identity", "orders", "documents" })
@NullMarked
package io.concierge.billing;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
