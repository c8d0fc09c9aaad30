/**
 * The orders module's pages and API.
 */
@NullMarked
package io.concierge.orders.web;

import org.jspecify.annotations.NullMarked;
