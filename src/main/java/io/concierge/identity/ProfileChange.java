package io.concierge.identity;

import org.jspecify.annotations.Nullable;

/**
 * What an account holder may change about themselves without proving it again.
 *
 * @param displayName the name to greet them by
 * @param phone a phone number, if they give one
 * @param language {@code en} or {@code de}
 * @param timeZone an IANA time zone such as {@code Europe/Berlin}, or null for the
 * browser's
 */
public record ProfileChange(String displayName, @Nullable String phone, String language, @Nullable String timeZone) {

}
