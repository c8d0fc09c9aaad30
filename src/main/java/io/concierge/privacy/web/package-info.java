/**
 * The audit trail's pages for administrators.
 */
@NullMarked
package io.concierge.privacy.web;

import org.jspecify.annotations.NullMarked;
