/**
 * Privacy and audit: the append-only, hash-chained audit trail of who did what, when and
 * from where; customers' consents, their data exported, their accounts erased with a
 * signed receipt, who accessed their data, and the retention jobs.
 */
@ApplicationModule(displayName = "Privacy", allowedDependencies = { "shared", "identity", "documents" })
@NullMarked
package io.concierge.privacy;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
