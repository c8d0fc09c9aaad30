/**
 * Tracking: what carriers report about parcels, taken in from their webhooks (EasyPost,
 * AfterShip), mapped onto Concierge's delivery stages and recorded on the orders'
 * parcels.
 */
@ApplicationModule(displayName = "Tracking", allowedDependencies = { "shared", "identity", "orders" })
@NullMarked
package io.concierge.tracking;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
