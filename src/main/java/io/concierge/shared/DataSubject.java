package io.concierge.shared;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Whose data a privacy request is about: a person, or, for a company administrator's
 * export, the company they belong to.
 *
 * @param account the person's account
 * @param email the address the person signs in with
 * @param name the name the person gave
 * @param company the company whose data is asked for, or {@code null} for the person's
 * own
 */
public record DataSubject(UUID account, String email, String name, @Nullable UUID company) {

	public boolean isCompany() {
		return this.company != null;
	}

}
