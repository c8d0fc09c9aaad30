package io.concierge.identity;

import java.security.Principal;
import java.util.EnumSet;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.shared.EmailAddress;

/**
 * Turns the signed-in principal into the {@link Caller} every module scopes its queries
 * by.
 */
@Component
public class Callers {

	private final AccountRepository accounts;

	private final JdbcClient jdbc;

	Callers(AccountRepository accounts, JdbcClient jdbc) {
		this.accounts = accounts;
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public Caller of(Principal principal) {
		Account account = this.accounts.findByEmail(EmailAddress.of(principal.getName()).value()).orElseThrow();
		return new Caller(account.id(), account.organisationId(), account.role(), rolesOf(account));
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
