/**
 * The notification pages: the bell and its inbox, the customer's notification settings,
 * one-click unsubscribe, the rules and the mail outbox for administrators.
 */
@NullMarked
package io.concierge.notifications.web;

import org.jspecify.annotations.NullMarked;
