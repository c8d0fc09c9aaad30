/**
 * The application: its entry point and what it needs before any bean exists (the embedded
 * database).
 */
@NullMarked
package io.concierge;

import org.jspecify.annotations.NullMarked;
