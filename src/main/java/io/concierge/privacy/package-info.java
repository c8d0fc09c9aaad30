/**
 * Privacy and audit: the append-only, hash-chained audit trail of who did what, when and
 * from where.
 */
@ApplicationModule(displayName = "Privacy", allowedDependencies = "shared")
@NullMarked
package io.concierge.privacy;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
