package io.concierge.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.identity.AccountEvents.ExternalIdentityLinked;
import io.concierge.shared.EmailAddress;

/**
 * Sign-in through an OpenID Connect provider. A provider's user is known by (provider,
 * subject). On their first sign-in they link to the account with the same address only
 * when the provider vouches for the address and they confirm; otherwise they get a new
 * account. A company bound to the provider and their email domain takes them in (as a
 * viewer) and makes its users sign in there.
 */
@Service
public class SingleSignOn {

	private final AccountRepository accounts;

	private final OrganisationRepository organisations;

	private final PasswordEncoder passwordEncoder;

	private final JdbcClient jdbc;

	private final IdentitySettings settings;

	private final SecondFactors factors;

	private final SignInThrottle throttle;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SingleSignOn(AccountRepository accounts, OrganisationRepository organisations, PasswordEncoder passwordEncoder,
			JdbcClient jdbc, IdentitySettings settings, SecondFactors factors, SignInThrottle throttle,
			ApplicationEventPublisher events, Clock clock) {
		this.accounts = accounts;
		this.organisations = organisations;
		this.passwordEncoder = passwordEncoder;
		this.jdbc = jdbc;
		this.settings = settings;
		this.factors = factors;
		this.throttle = throttle;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Who the provider says signed in.
	 *
	 * @param provider the registration id of the provider
	 * @param subject the provider's id for the user
	 * @param email the address it gives, if any
	 * @param emailVerified whether it vouches for that address
	 * @param name the user's name, if given
	 */
	public record ExternalUser(String provider, String subject, @Nullable String email, boolean emailVerified,
			@Nullable String name) implements java.io.Serializable {

	}

	/**
	 * What to do with a provider's user.
	 *
	 * @param account the account to sign in as, when decided
	 * @param linkable the existing account that may be linked once the user confirms
	 * @param refused why the sign-in cannot go on, as a message key
	 */
	public record Outcome(@Nullable EmailAddress account, @Nullable EmailAddress linkable, @Nullable String refused) {

		static Outcome signIn(String email) {
			return new Outcome(EmailAddress.of(email), null, null);
		}

	}

	@Transactional
	public Outcome signedIn(ExternalUser user, String origin) {
		Optional<String> linked = this.jdbc.sql("""
				select a.email from external_identity e join account a on a.id = e.account_id
				where e.provider = ? and e.subject = ?""")
			.params(user.provider(), user.subject())
			.query(String.class)
			.optional();
		if (linked.isPresent()) {
			return allowedHere(linked.get(), user) ? Outcome.signIn(linked.get()) : refused("sso.required");
		}
		if (user.email() == null) {
			return refused("sso.noEmail");
		}
		if (!user.emailVerified()) {
			// an address the provider does not vouch for opens nothing: not an existing
			// account,
			// and no new one that its real owner could later find taken over
			return refused("sso.unverified");
		}
		EmailAddress email = EmailAddress.of(user.email());
		if (this.accounts.existsByEmail(email.value())) {
			return allowedHere(email.value(), user) ? new Outcome(null, email, null) : refused("sso.required");
		}
		Organisation company = organisationFor(user.provider(), email);
		if (company == null && !this.settings.registrationOpen()) {
			return refused("sso.closed");
		}
		Account account = this.accounts.saveAndFlush(
				new Account(email, (user.name() != null && !user.name().isBlank()) ? user.name() : email.value(),
						unusablePassword(), Role.CUSTOMER, company, true, null, this.clock.instant()));
		if (company != null) {
			this.jdbc.sql("insert into organisation_role (account_id, role) values (?, 'VIEWER')")
				.param(account.id())
				.update();
		}
		link(user, account, origin);
		return Outcome.signIn(account.email());
	}

	/**
	 * Links the provider's user to the existing account with their (provider-verified)
	 * address. Only its owner may: they give the account's password, and its code when it
	 * has an authenticator; wrong ones count toward its lockout.
	 */
	@Transactional
	public Outcome confirmLink(ExternalUser user, String password, String code, String origin) {
		if (user.email() == null || !user.emailVerified()) {
			return refused("sso.unverified");
		}
		EmailAddress email = EmailAddress.of(user.email());
		Account account = this.accounts.findByEmail(email.value()).orElseThrow();
		if (!allowedHere(account.email(), user)) {
			return refused("sso.required");
		}
		if (this.throttle.locked(email.value(), origin)) {
			return refused("sso.link.locked");
		}
		boolean owner = this.passwordEncoder.matches(password, account.passwordHash())
				&& (!this.factors.hasTotp(email) || this.factors.check(email, code, origin).accepted());
		if (!owner) {
			if (this.throttle.failed(email.value(), origin)) {
				return refused("sso.link.locked");
			}
			return refused("sso.link.wrong");
		}
		link(user, account, origin);
		return Outcome.signIn(account.email());
	}

	/**
	 * Whether this provider is the one the account's company makes it sign in with; then
	 * it stands in for the second factor too.
	 */
	@Transactional(readOnly = true)
	public boolean isCompanysProvider(EmailAddress email, String provider) {
		return requiredProvider(email).filter(provider::equals).isPresent();
	}

	private boolean allowedHere(String email, ExternalUser user) {
		Optional<String> required = requiredProvider(EmailAddress.of(email));
		return required.isEmpty() || required.get().equals(user.provider());
	}

	private static Outcome refused(String reason) {
		return new Outcome(null, null, reason);
	}

	/**
	 * The provider a company makes this account sign in with, if any: such an account may
	 * not sign in with a password.
	 */
	@Transactional(readOnly = true)
	public Optional<String> requiredProvider(EmailAddress email) {
		return this.jdbc.sql("""
				select o.sso_provider from account a join organisation o on o.id = a.organisation_id
				where a.email = ? and o.sso_provider is not null""")
			.param(email.value())
			.query(String.class)
			.optional();
	}

	/**
	 * Binds a company to a provider and an email domain; for administrators and demo
	 * data.
	 */
	@Transactional
	public void bind(String organisationName, String provider, String domain) {
		this.jdbc.sql("update organisation set sso_provider = ?, sso_domain = ? where name = ?")
			.params(provider, domain.toLowerCase(Locale.ROOT), organisationName)
			.update();
	}

	private @Nullable Organisation organisationFor(String provider, EmailAddress email) {
		return this.jdbc.sql("select id from organisation where sso_provider = ? and sso_domain = ?")
			.params(provider, email.domain())
			.query(UUID.class)
			.optional()
			.flatMap(this.organisations::findById)
			.orElse(null);
	}

	private void link(ExternalUser user, Account account, String origin) {
		Instant now = this.clock.instant();
		this.jdbc
			.sql("""
					insert into external_identity (provider, subject, account_id, email, linked_at) values (?, ?, ?, ?, ?)""")
			.params(user.provider(), user.subject(), account.id(), user.email(), now.atOffset(ZoneOffset.UTC))
			.update();
		this.events.publishEvent(new ExternalIdentityLinked(account.email(), user.provider(), origin, now));
	}

	/**
	 * Accounts made through a provider sign in there; a random password no one knows
	 * keeps the password form closed to them until they choose one by a reset link.
	 */
	private String unusablePassword() {
		return this.passwordEncoder.encode(Secrets.randomToken());
	}

}
