/**
 * The billing pages, the sandbox provider's checkout, and the invoices and payments API.
 */
@NullMarked
package io.concierge.billing.web;

import org.jspecify.annotations.NullMarked;
