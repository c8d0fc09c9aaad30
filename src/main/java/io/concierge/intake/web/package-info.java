/**
 * The intake module's API.
 */
@NullMarked
package io.concierge.intake.web;

import org.jspecify.annotations.NullMarked;
