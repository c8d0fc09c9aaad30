/**
 * Who is who: accounts, organisations, roles and signing in.
 */
@ApplicationModule(displayName = "Identity", allowedDependencies = "shared")
@NullMarked
package io.concierge.identity;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
