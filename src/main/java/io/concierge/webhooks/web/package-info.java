/**
 * The administrators' pages of the webhooks: subscriptions, their secrets and delivery
 * logs.
 */
@NullMarked
package io.concierge.webhooks.web;

import org.jspecify.annotations.NullMarked;
