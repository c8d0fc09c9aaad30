/**
 * Analytics: the product's own events, kept raw and summed per day by a job, and the
 * rates an administrator reads from those sums against the targets they set: adoption of
 * the portal, resolution without an agent, deflection, "where is my order" checks, handle
 * time, time to resolution, first-contact resolution, CSAT, NPS, searches and return
 * reasons. No third-party tracker.
 */
@ApplicationModule(displayName = "Analytics",
		allowedDependencies = { "shared", "identity", "orders", "support", "privacy", "partners" })
@NullMarked
package io.concierge.analytics;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
