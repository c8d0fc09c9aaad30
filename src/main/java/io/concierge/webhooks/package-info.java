/**
 * Webhooks: every integration event, signed and sent to the outside systems (an ERP, a
 * warehouse) that subscribed to its type, retried for a day and logged attempt by
 * attempt.
 */
@ApplicationModule(displayName = "Webhooks", allowedDependencies = { "shared", "identity" })
@NullMarked
package io.concierge.webhooks;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
