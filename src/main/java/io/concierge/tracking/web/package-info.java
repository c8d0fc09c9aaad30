/**
 * The carriers' webhooks.
 */
@NullMarked
package io.concierge.tracking.web;

import org.jspecify.annotations.NullMarked;
