package io.concierge.identity;

import java.time.Clock;
import java.util.Optional;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.shared.EmailAddress;

/**
 * The identity module's public face: finds and opens accounts.
 */
@Service
public class Accounts {

	private final AccountRepository accounts;

	private final OrganisationRepository organisations;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	Accounts(AccountRepository accounts, OrganisationRepository organisations, PasswordEncoder passwordEncoder,
			Clock clock) {
		this.accounts = accounts;
		this.organisations = organisations;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public Optional<AccountView> findByEmail(EmailAddress email) {
		return this.accounts.findByEmail(email.value()).map(Account::view);
	}

	@Transactional
	public AccountView open(NewAccount request) {
		if (this.accounts.existsByEmail(request.email().value())) {
			throw new IllegalStateException("An account for " + request.email() + " exists already");
		}
		Organisation organisation = (request.organisationName() != null) ? this.organisations
			.findByName(request.organisationName())
			.orElseGet(
					() -> this.organisations.save(new Organisation(request.organisationName(), this.clock.instant())))
				: null;
		Account account = new Account(request.email(), request.displayName(),
				this.passwordEncoder.encode(request.password()), request.role(), organisation, this.clock.instant());
		return this.accounts.save(account).view();
	}

}
