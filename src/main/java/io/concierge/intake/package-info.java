/**
 * Intake: orders from every sales channel into the canonical order. A submission is
 * stored as it came before the sender hears it was accepted, then converted by workers
 * that take it from a queue in PostgreSQL; each becomes exactly one order or one dead
 * letter with its reason.
 */
@ApplicationModule(displayName = "Intake", allowedDependencies = { "shared", "identity", "orders" })
@NullMarked
package io.concierge.intake;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
