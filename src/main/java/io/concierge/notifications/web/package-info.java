/**
 * The mail outbox pages for administrators.
 */
@NullMarked
package io.concierge.notifications.web;

import org.jspecify.annotations.NullMarked;
