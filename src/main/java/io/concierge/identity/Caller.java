package io.concierge.identity;

import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Who is asking, as every module scopes its queries: an account, the company account it
 * acts for (if any) and its roles. A query of customer data filters by {@link #account()}
 * or {@link #organisation()} in the query itself, and a resource of anyone else is
 * answered like one that does not exist (404).
 *
 * @param account the signed-in account
 * @param organisation its company account, or null for a private customer
 * @param role its role in Concierge
 * @param organisationRoles its roles within the company account
 */
public record Caller(UUID account, @Nullable UUID organisation, Role role, Set<OrganisationRole> organisationRoles) {

	/**
	 * Whether a resource belonging to this account or organisation is the caller's to
	 * see.
	 */
	public boolean owns(@Nullable UUID ownerAccount, @Nullable UUID ownerOrganisation) {
		return this.account.equals(ownerAccount)
				|| (this.organisation != null && this.organisation.equals(ownerOrganisation));
	}

	public boolean may(OrganisationRole needed) {
		return this.organisation != null && this.organisationRoles.contains(needed);
	}

}
