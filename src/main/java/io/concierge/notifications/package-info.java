/**
 * Notifications: the mail outbox every email passes through, delivered over SMTP when one
 * is configured. Other modules reach it by events only.
 */
@ApplicationModule(displayName = "Notifications",
		allowedDependencies = { "shared", "identity", "tracking", "webhooks", "orders", "billing", "support",
				"privacy" })
@NullMarked
package io.concierge.notifications;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
