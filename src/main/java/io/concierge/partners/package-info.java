/**
 * Carriers and vendors serving themselves: partner organisations and their people, who
 * sign in like everyone else (as {@link io.concierge.identity.Role#PARTNER}, always with
 * a second factor, or through the provider their partner is bound to) and see only what
 * is theirs.
 */
@ApplicationModule(displayName = "Partners",
		allowedDependencies = { "shared", "identity", "orders", "intake", "documents", "notifications", "support",
				"billing" })
@NullMarked
package io.concierge.partners;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
