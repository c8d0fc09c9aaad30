/**
 * The customer's documents page: upload, list, download, who opened each.
 */
@NullMarked
package io.concierge.documents.web;

import org.jspecify.annotations.NullMarked;
