package io.concierge.identity;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.concierge.shared.EmailAddress;

/**
 * Fresh accounts for tests, so that no test shares an account (and its one-time codes or
 * lockouts) with another.
 */
public final class TestLogins {

	private TestLogins() {
	}

	/**
	 * A sign-in for a test.
	 *
	 * @param email the address
	 * @param password the password
	 * @param totpSecret the authenticator key, if the account has one
	 */
	public record TestLogin(String email, String password, @Nullable String totpSecret) {

	}

	public static TestLogin customer(Accounts accounts) {
		return open(accounts, Role.CUSTOMER);
	}

	/**
	 * A member of staff with an authenticator, as staff must have.
	 */
	public static TestLogin staff(Accounts accounts, SecondFactors factors, Role role) {
		TestLogin login = open(accounts, role);
		String secret = Totp.newSecret();
		factors.enrolWithSecret(EmailAddress.of(login.email()), secret);
		return new TestLogin(login.email(), login.password(), secret);
	}

	/**
	 * Someone who works for a partner, without its membership (the test adds it) and
	 * without a second factor.
	 */
	public static TestLogin partner(Accounts accounts) {
		return open(accounts, Role.PARTNER);
	}

	/**
	 * A member of staff who has not set up a second factor yet.
	 */
	public static TestLogin staffWithoutSecondFactor(Accounts accounts, Role role) {
		return open(accounts, role);
	}

	/**
	 * The admin of a new company account of its own.
	 */
	public static TestLogin organisationAdmin(Accounts accounts, Organisations organisations, String organisation) {
		String email = "org-admin-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		String password = "test passphrase " + UUID.randomUUID();
		accounts.open(new NewAccount(EmailAddress.of(email), "Org Admin", password, Role.CUSTOMER, organisation));
		organisations.grant(EmailAddress.of(email), java.util.EnumSet.of(OrganisationRole.ADMIN));
		return new TestLogin(email, password, null);
	}

	private static TestLogin open(Accounts accounts, Role role) {
		String email = role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		String password = "test passphrase " + UUID.randomUUID();
		accounts
			.open(new NewAccount(EmailAddress.of(email), "Test " + role.name().toLowerCase(), password, role, null));
		return new TestLogin(email, password, null);
	}

}
