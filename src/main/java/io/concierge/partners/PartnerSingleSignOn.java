package io.concierge.partners;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.identity.Accounts;
import io.concierge.identity.Role;
import io.concierge.identity.SingleSignOn;
import io.concierge.identity.SingleSignOnDirectory;
import io.concierge.partners.Partners.PartnerChanged;
import io.concierge.shared.EmailAddress;

/**
 * A partner's single sign-on: operations binds a carrier or a vendor to one of the
 * configured OpenID Connect providers and its email domain, as an administrator binds a
 * company. Identity asks this (as a {@link SingleSignOnDirectory}) when someone signs in
 * there: a newcomer at the domain gets an account with the partner role and joins the
 * partner, and the partner's members may then sign in only there.
 */
@Service
public class PartnerSingleSignOn implements SingleSignOnDirectory {

	private static final Pattern DOMAIN = Pattern
		.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

	/** Mail services anyone can have an address at. */
	private static final Set<String> PUBLIC_MAIL = Set.of("gmail.com", "googlemail.com", "outlook.com", "hotmail.com",
			"live.com", "msn.com", "yahoo.com", "yahoo.de", "icloud.com", "me.com", "aol.com", "gmx.de", "gmx.net",
			"gmx.com", "web.de", "t-online.de", "freenet.de", "posteo.de", "mailbox.org", "proton.me", "protonmail.com",
			"mail.com", "yandex.com", "zoho.com");

	private final JdbcClient jdbc;

	private final Partners partners;

	private final Accounts accounts;

	private final SingleSignOn singleSignOn;

	private final ObjectProvider<ClientRegistrationRepository> registrations;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	PartnerSingleSignOn(JdbcClient jdbc, Partners partners, Accounts accounts, SingleSignOn singleSignOn,
			ObjectProvider<ClientRegistrationRepository> registrations, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.partners = partners;
		this.accounts = accounts;
		this.singleSignOn = singleSignOn;
		this.registrations = registrations;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The providers a partner can be bound to: the configured client registrations.
	 */
	public List<String> providers() {
		List<String> ids = new ArrayList<>();
		if (this.registrations.getIfAvailable() instanceof Iterable<?> all) {
			all.forEach((registration) -> ids.add(((ClientRegistration) registration).getRegistrationId()));
		}
		return ids;
	}

	/**
	 * The bound partners' bindings, by partner.
	 */
	@Transactional(readOnly = true)
	public Map<UUID, Binding> bindings() {
		return this.jdbc.sql("select id, sso_provider, sso_domain from partner where sso_provider is not null")
			.query((row, n) -> Map.entry(row.getObject("id", UUID.class),
					new Binding(row.getString("sso_provider"), row.getString("sso_domain"))))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/**
	 * Binds the partner to a provider and an email domain, or unbinds it when no provider
	 * is given; its members sign in with their password (and second factor) again then.
	 * @throws InvalidPartner when the partner is unknown, the provider is not configured,
	 * the domain is not one, or another partner or a company has this provider and domain
	 */
	@Transactional
	public Optional<Binding> bind(UUID partnerId, @Nullable String provider, @Nullable String domain, String actor,
			String origin) {
		Partner partner = this.partners.find(partnerId).orElseThrow(() -> new InvalidPartner("partner", "unknown"));
		Optional<Binding> before = Optional.ofNullable(bindings().get(partnerId));
		if (provider == null || provider.isBlank()) {
			if (before.isPresent()) {
				this.jdbc.sql("update partner set sso_provider = null, sso_domain = null where id = ?")
					.param(partnerId)
					.update();
				announce(actor, "partners.sso.unbound", partner.name(), origin);
			}
			return Optional.empty();
		}
		if (!providers().contains(provider)) {
			throw new InvalidPartner("ssoProvider", "ssoProvider");
		}
		String normalised = (domain != null) ? domain.strip().toLowerCase(Locale.ROOT).replaceFirst("^@", "") : "";
		if (!DOMAIN.matcher(normalised).matches() || normalised.length() > 253) {
			throw new InvalidPartner("ssoDomain", "ssoDomain");
		}
		if (PUBLIC_MAIL.contains(normalised)) {
			// everyone has an address there: binding it would let any stranger in
			throw new InvalidPartner("ssoDomain", "ssoPublicMail");
		}
		Binding binding = new Binding(provider, normalised);
		if (before.filter(binding::equals).isPresent()) {
			return before;
		}
		if (this.jdbc.sql("select count(*) from partner where sso_provider = ? and sso_domain = ? and id <> ?")
			.params(provider, normalised, partnerId)
			.query(Long.class)
			.single() > 0 || this.singleSignOn.companyBound(provider, normalised)) {
			throw new InvalidPartner("ssoDomain", "ssoTaken");
		}
		try {
			this.jdbc.sql("update partner set sso_provider = ?, sso_domain = ? where id = ?")
				.params(provider, normalised, partnerId)
				.update();
		}
		catch (DuplicateKeyException ex) {
			// another partner took it at the same moment
			throw new InvalidPartner("ssoDomain", "ssoTaken");
		}
		announce(actor, "partners.sso.bound", partner.name() + ": " + provider + " @" + normalised, origin);
		return Optional.of(binding);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<Binding> bindingOf(EmailAddress account) {
		return this.accounts.findByEmail(account)
			.flatMap((found) -> this.jdbc.sql("""
					select p.sso_provider, p.sso_domain from partner_member m join partner p on p.id = m.partner_id
					where m.account_id = ? and p.sso_provider is not null""")
				.param(found.id())
				.query((row, n) -> new Binding(row.getString("sso_provider"), row.getString("sso_domain")))
				.optional());
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<Role> takesIn(String provider, EmailAddress email) {
		return boundPartner(provider, email).map((partner) -> Role.PARTNER);
	}

	/**
	 * Like an invitation, without its email: the provider has the person's password.
	 */
	@Override
	@Transactional
	public void joined(String provider, EmailAddress email, UUID account, String origin) {
		Partner partner = boundPartner(provider, email).flatMap(this.partners::find).orElseThrow();
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				insert into partner_member (account_id, partner_id, invited_by, invited_at)
				values (?, ?, ?, ?)""")
			.params(account, partner.id(), "sso:" + provider, now.atOffset(ZoneOffset.UTC))
			.update();
		this.events.publishEvent(new PartnerChanged(email.value(), "partners.member.joined",
				partner.name() + ": " + email.value(), origin, now));
	}

	private Optional<UUID> boundPartner(String provider, EmailAddress email) {
		return this.jdbc.sql("select id from partner where sso_provider = ? and sso_domain = ?")
			.params(provider, email.domain())
			.query(UUID.class)
			.optional();
	}

	private void announce(String actor, String action, String subject, String origin) {
		this.events.publishEvent(new PartnerChanged(actor, action, subject, origin, this.clock.instant()));
	}

}
