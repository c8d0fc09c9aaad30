package io.concierge.identity;

import java.util.List;

import org.springframework.stereotype.Component;

import io.concierge.shared.DemoData;

/**
 * The people of the demo carrier and the demo vendor: partners, with an authenticator
 * whose key the start-up banner prints (partners must have a second factor). The partners
 * module makes the partners and links them.
 */
@Component
class DemoPartnerAccounts implements DemoData {

	static final String CARRIER = "dispatch@dhl.example";

	static final String VENDOR = "orders@oakandclay.example";

	private final DemoAccounts accounts;

	private final DemoLogins logins;

	DemoPartnerAccounts(DemoAccounts accounts, DemoLogins logins) {
		this.accounts = accounts;
		this.logins = logins;
	}

	@Override
	public String name() {
		return "identity.partner-accounts";
	}

	@Override
	public int order() {
		return 11;
	}

	@Override
	public void seed() {
		this.logins.add(List.of(this.accounts.open(CARRIER, "Dana Weber", Role.PARTNER, null),
				this.accounts.open(VENDOR, "Mila Brandt", Role.PARTNER, null)));
	}

}
