/**
 * The partner portal's pages and the operations page that invites partners.
 */
@NullMarked
package io.concierge.partners.web;

import org.jspecify.annotations.NullMarked;
