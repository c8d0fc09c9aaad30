/**
 * The identity module's pages.
 */
@NullMarked
package io.concierge.identity.web;

import org.jspecify.annotations.NullMarked;
