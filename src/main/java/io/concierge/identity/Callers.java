package io.concierge.identity;

import java.security.Principal;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.concierge.shared.EmailAddress;

/**
 * Turns the signed-in principal into the {@link Caller} every module scopes its queries
 * by.
 */
@Component
public class Callers {

	private final JdbcClient jdbc;

	Callers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One query per request: the account with its company and its roles there.
	 */
	public Caller of(Principal principal) {
		return this.jdbc.sql("""
				select a.id, a.organisation_id, a.role, array_remove(array_agg(r.role), null) as roles
				from account a left join organisation_role r on r.account_id = a.id
				where a.email = ? group by a.id""")
			.param(EmailAddress.of(principal.getName()).value())
			.query((row, n) -> {
				Set<OrganisationRole> roles = EnumSet.noneOf(OrganisationRole.class);
				for (String role : (String[]) row.getArray("roles").getArray()) {
					roles.add(OrganisationRole.valueOf(role));
				}
				return new Caller(row.getObject("id", UUID.class), row.getObject("organisation_id", UUID.class),
						Role.valueOf(row.getString("role")), roles);
			})
			.single();
	}

	Set<OrganisationRole> rolesOf(Account account) {
		Set<OrganisationRole> roles = EnumSet.noneOf(OrganisationRole.class);
		this.jdbc.sql("select role from organisation_role where account_id = ?")
			.param(account.id())
			.query(String.class)
			.list()
			.forEach((role) -> roles.add(OrganisationRole.valueOf(role)));
		return roles;
	}

}
