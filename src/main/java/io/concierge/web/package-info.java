/**
 * The app shell: layout, navigation, languages, error pages, the security chain, demo
 * data and the start-up banner.
 */
@ApplicationModule(displayName = "Web", allowedDependencies = { "shared", "identity", "orders" })
@NullMarked
package io.concierge.web;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
