package io.concierge.privacy;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A page of the trail and where the next, older one starts.
 *
 * @param entries newest first
 * @param nextBefore the value of {@code before} for the next page, or null on the last
 */
public record AuditPage(List<AuditEntry> entries, @Nullable Long nextBefore) {

}
