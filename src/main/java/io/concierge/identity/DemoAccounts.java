package io.concierge.identity;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import io.concierge.identity.DemoLogins.DemoLogin;
import io.concierge.shared.DemoData;
import io.concierge.shared.EmailAddress;

/**
 * One demo account per role, plus a user of a demo company account. Staff accounts must
 * have a second factor: theirs get an authenticator whose key the start-up banner prints.
 */
@Component
class DemoAccounts implements DemoData {

	private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Accounts accounts;

	private final DemoLogins logins;

	private final SecondFactors factors;

	private final Organisations organisations;

	DemoAccounts(Accounts accounts, DemoLogins logins, SecondFactors factors, Organisations organisations) {
		this.accounts = accounts;
		this.logins = logins;
		this.factors = factors;
		this.organisations = organisations;
	}

	@Override
	public String name() {
		return "identity.accounts";
	}

	@Override
	public int order() {
		return 10;
	}

	@Override
	public void seed() {
		List<DemoLogin> created = new ArrayList<>();
		created.add(open("alex.morgan@example.com", "Alex Morgan", Role.CUSTOMER, null));
		created.add(open("jana.keller@nordwind.example", "Jana Keller", Role.CUSTOMER, "Nordwind Trading GmbH"));
		this.organisations.grant(EmailAddress.of("jana.keller@nordwind.example"),
				java.util.EnumSet.of(OrganisationRole.ADMIN, OrganisationRole.BUYER, OrganisationRole.FINANCE));
		created.add(open("agent@concierge.example", "Sam Rivera", Role.AGENT, null));
		created.add(open("operations@concierge.example", "Kim Novak", Role.OPERATIONS, null));
		created.add(open("admin@concierge.example", "Robin Lee", Role.ADMINISTRATOR, null));
		this.logins.remember(created);
	}

	DemoLogin open(String email, String name, Role role, @Nullable String organisation) {
		String password = randomPassword();
		this.accounts.open(new NewAccount(EmailAddress.of(email), name, password, role, organisation));
		@Nullable String secret = null;
		if (this.factors.required(EmailAddress.of(email))) {
			secret = Totp.newSecret();
			this.factors.enrolWithSecret(EmailAddress.of(email), secret);
		}
		return new DemoLogin(role, EmailAddress.of(email), password, organisation != null, secret);
	}

	/**
	 * Four groups of four, without look-alike characters: easy to type from a terminal.
	 */
	static String randomPassword() {
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 16; i++) {
			if (i > 0 && i % 4 == 0) {
				password.append('-');
			}
			password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

}
