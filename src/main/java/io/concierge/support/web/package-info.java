/**
 * The help centre, the customer's tickets, the assistant's panel and the agents' console.
 */
@NullMarked
package io.concierge.support.web;

import org.jspecify.annotations.NullMarked;
