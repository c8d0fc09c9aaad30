/**
 * Documents: files customers, staff and the system keep in Concierge, encrypted at rest
 * with a key of their own, checked before they are kept, served only to those entitled,
 * and every opening of one logged where its owner can see it.
 */
@ApplicationModule(displayName = "Documents", allowedDependencies = { "shared", "identity" })
@NullMarked
package io.concierge.documents;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
