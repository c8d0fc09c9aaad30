/**
 * Orders: the canonical order every channel converts into, its lines' lifecycle, the
 * fulfilment feed that moves them along, and the pages and API customers find them with.
 */
@ApplicationModule(displayName = "Orders", allowedDependencies = { "shared", "identity", "documents" })
@NullMarked
package io.concierge.orders;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
