/**
 * Support: the knowledge base and its public help centre, the tickets customers open from
 * the context of an order, a parcel or an invoice (with service levels, email in and out,
 * ratings), the agents' console, the measures of deflection, and the assistant that
 * answers common questions from the caller's own data.
 */
@ApplicationModule(displayName = "Support",
		allowedDependencies = { "shared", "identity", "orders", "documents", "billing" })
@NullMarked
package io.concierge.support;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
