package io.concierge.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
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
 * viewer) and makes its users sign in there; so does an organisation of another module
 * that a {@link SingleSignOnDirectory} names (a partner), whose members with an address
 * at its domain sign in through it without the link step, as it vouches for that domain.
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

	private final ObjectProvider<SingleSignOnDirectory> directories;

	private final List<String> multiFactorMethods;

	private final List<String> multiFactorContexts;

	SingleSignOn(AccountRepository accounts, OrganisationRepository organisations, PasswordEncoder passwordEncoder,
			JdbcClient jdbc, IdentitySettings settings, SecondFactors factors, SignInThrottle throttle,
			ApplicationEventPublisher events, Clock clock, ObjectProvider<SingleSignOnDirectory> directories,
			@Value("${concierge.identity.sso.multi-factor-amr:mfa,otp,hwk,swk,pop}") List<String> multiFactorMethods,
			@Value("${concierge.identity.sso.multi-factor-acr:}") List<String> multiFactorContexts) {
		this.multiFactorMethods = multiFactorMethods;
		this.multiFactorContexts = multiFactorContexts.stream().filter((acr) -> !acr.isBlank()).toList();
		this.accounts = accounts;
		this.organisations = organisations;
		this.passwordEncoder = passwordEncoder;
		this.jdbc = jdbc;
		this.settings = settings;
		this.factors = factors;
		this.throttle = throttle;
		this.events = events;
		this.clock = clock;
		this.directories = directories;
	}

	/**
	 * Who the provider says signed in.
	 *
	 * @param provider the registration id of the provider
	 * @param subject the provider's id for the user
	 * @param email the address it gives, if any
	 * @param emailVerified whether it vouches for that address
	 * @param name the user's name, if given
	 * @param multiFactor whether the ID token says the provider asked for more than one
	 * factor ({@link #saysMultiFactor})
	 */
	public record ExternalUser(String provider, String subject, @Nullable String email, boolean emailVerified,
			@Nullable String name, boolean multiFactor) implements java.io.Serializable {

		/**
		 * A sign-in whose provider said nothing of multiple factors.
		 */
		public ExternalUser(String provider, String subject, @Nullable String email, boolean emailVerified,
				@Nullable String name) {
			this(provider, subject, email, emailVerified, name, false);
		}

	}

	/**
	 * Whether an ID token's {@code amr} (RFC 8176 methods) or {@code acr} says the
	 * provider asked for more than one factor: a method of
	 * {@code concierge.identity.sso.multi-factor-amr} ({@code mfa}, {@code otp},
	 * {@code hwk}, {@code swk}, {@code pop} unless configured), or a context class of
	 * {@code concierge.identity.sso.multi-factor-acr} (none unless configured, as their
	 * values are each provider's own). Neither claim, or others, say no.
	 */
	public boolean saysMultiFactor(@Nullable List<String> amr, @Nullable String acr) {
		boolean methods = amr != null && amr.stream().anyMatch(this.multiFactorMethods::contains);
		boolean context = acr != null && this.multiFactorContexts.contains(acr);
		return methods || context;
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
		return unlessDisabled(decide(user, origin));
	}

	/**
	 * A disabled account is not signed in by its provider either; the provider vouched
	 * for the person, who may hear why.
	 */
	private Outcome unlessDisabled(Outcome outcome) {
		if (outcome.account() != null && this.accounts.findByEmail(outcome.account().value())
			.map((account) -> !account.enabled())
			.orElse(false)) {
			return refused("sso.disabled");
		}
		return outcome;
	}

	private Outcome decide(ExternalUser user, String origin) {
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
		Optional<Account> existing = this.accounts.findByEmail(email.value());
		if (existing.isPresent()) {
			if (!allowedHere(email.value(), user)) {
				return refused("sso.required");
			}
			if (vouchedMember(email, user.provider())) {
				link(user, existing.get(), origin);
				return Outcome.signIn(email.value());
			}
			return new Outcome(null, email, null);
		}
		Organisation company = organisationFor(user.provider(), email);
		SingleSignOnDirectory directory = (company != null) ? null : directoryTakingIn(user.provider(), email);
		if (company == null && directory == null && !this.settings.registrationOpen()) {
			return refused("sso.closed");
		}
		Role role = (directory != null) ? directory.takesIn(user.provider(), email).orElseThrow() : Role.CUSTOMER;
		Account account = this.accounts.saveAndFlush(
				new Account(email, (user.name() != null && !user.name().isBlank()) ? user.name() : email.value(),
						unusablePassword(), role, company, true, null, this.clock.instant()));
		if (company != null) {
			this.jdbc.sql("insert into organisation_role (account_id, role) values (?, 'VIEWER')")
				.param(account.id())
				.update();
		}
		if (directory != null) {
			directory.joined(user.provider(), email, account.id(), origin);
		}
		link(user, account, origin);
		return unlessDisabled(Outcome.signIn(account.email()));
	}

	/**
	 * A member of an organisation of another module bound to this provider, with an
	 * address at its domain: the provider speaks for that domain, so it links without the
	 * password (which a member invited before the binding may never have chosen).
	 */
	private boolean vouchedMember(EmailAddress email, String provider) {
		return directoryBinding(email)
			.filter((binding) -> binding.provider().equals(provider) && binding.domain().equals(email.domain()))
			.isPresent();
	}

	private @Nullable SingleSignOnDirectory directoryTakingIn(String provider, EmailAddress email) {
		return this.directories.orderedStream()
			.filter((directory) -> directory.takesIn(provider, email).isPresent())
			.findFirst()
			.orElse(null);
	}

	private Optional<SingleSignOnDirectory.Binding> directoryBinding(EmailAddress email) {
		return this.directories.orderedStream().flatMap((directory) -> directory.bindingOf(email).stream()).findFirst();
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
		return unlessDisabled(Outcome.signIn(account.email()));
	}

	/**
	 * Whether this provider is the one the account's company (or partner, through a
	 * {@link SingleSignOnDirectory}) makes it sign in with; then it stands in for the
	 * second factor too, as the organisation's own provider enforces its own.
	 */
	@Transactional(readOnly = true)
	public boolean isCompanysProvider(EmailAddress email, String provider) {
		return requiredProvider(email).filter(provider::equals).isPresent();
	}

	/**
	 * Whether this sign-in counts as both factors: only through the provider the
	 * account's organisation makes it use, and only when that provider's ID token says it
	 * asked for more than one factor. Otherwise it counts as one, and the portal asks for
	 * its own second factor when the account has one or must have one.
	 */
	@Transactional(readOnly = true)
	public boolean standsInForSecondFactor(EmailAddress email, ExternalUser user) {
		return user.multiFactor() && isCompanysProvider(email, user.provider());
	}

	private boolean allowedHere(String email, ExternalUser user) {
		Optional<String> required = requiredProvider(EmailAddress.of(email));
		return required.isEmpty() || required.get().equals(user.provider());
	}

	private static Outcome refused(String reason) {
		return new Outcome(null, null, reason);
	}

	/**
	 * The provider a company (or an organisation a {@link SingleSignOnDirectory} names)
	 * makes this account sign in with, if any: such an account may not sign in with a
	 * password or a passkey.
	 */
	@Transactional(readOnly = true)
	public Optional<String> requiredProvider(EmailAddress email) {
		return this.jdbc.sql("""
				select o.sso_provider from account a join organisation o on o.id = a.organisation_id
				where a.email = ? and o.sso_provider is not null""")
			.param(email.value())
			.query(String.class)
			.optional()
			.or(() -> directoryBinding(email).map(SingleSignOnDirectory.Binding::provider));
	}

	/**
	 * Whether a company is bound to this provider and email domain; another module
	 * binding its organisations asks, so that one domain has one owner.
	 */
	@Transactional(readOnly = true)
	public boolean companyBound(String provider, String domain) {
		return this.jdbc.sql("select count(*) from organisation where sso_provider = ? and sso_domain = ?")
			.params(provider, domain.toLowerCase(Locale.ROOT))
			.query(Long.class)
			.single() > 0;
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
