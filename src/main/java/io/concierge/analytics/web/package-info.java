/**
 * The administrators' analytics page with its exports, and the customers' survey.
 */
@NullMarked
package io.concierge.analytics.web;

import org.jspecify.annotations.NullMarked;
