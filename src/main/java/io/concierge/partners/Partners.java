package io.concierge.partners;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.identity.AccountView;
import io.concierge.identity.Accounts;
import io.concierge.identity.NewAccount;
import io.concierge.identity.Role;
import io.concierge.shared.AuditableEvent;
import io.concierge.shared.EmailAddress;

/**
 * The partners and their people. Operations makes a partner and invites its first people:
 * each gets an account with the partner role and an email to choose a password; at the
 * first sign-in they set up a second factor, which partners must have.
 */
@Service
public class Partners {

	private static final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final Accounts accounts;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Partners(JdbcClient jdbc, Accounts accounts, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Someone who works for a partner.
	 */
	public record Member(UUID account, String email, String name, Partner partner) {

	}

	/**
	 * A partner was made, someone was invited to it or joined it through its single
	 * sign-on, or its single sign-on was bound or removed.
	 */
	public record PartnerChanged(String actor, String action, String subject, String origin,
			Instant occurredAt) implements AuditableEvent {

	}

	/**
	 * Makes a partner.
	 * @param carrier for a carrier, the name its parcels are shipped with
	 * @throws InvalidPartner when the name is missing or taken, or a carrier has no
	 * carrier name
	 */
	@Transactional
	public Partner create(Partner.Kind kind, String name, @Nullable String carrier, String actor, String origin) {
		String trimmed = name.strip();
		if (trimmed.length() < 2 || trimmed.length() > 100) {
			throw new InvalidPartner("name", "name");
		}
		String carrierName = (kind == Partner.Kind.CARRIER && carrier != null && !carrier.isBlank())
				? carrier.strip().toUpperCase(Locale.ROOT) : null;
		if (kind == Partner.Kind.CARRIER && carrierName == null) {
			throw new InvalidPartner("carrier", "carrier");
		}
		if (this.jdbc.sql("select count(*) from partner where lower(name) = lower(?) or carrier = ?")
			.params(trimmed, carrierName)
			.query(Long.class)
			.single() > 0) {
			throw new InvalidPartner("name", "taken");
		}
		Instant now = this.clock.instant();
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into partner (id, kind, name, carrier, created_by, created_at)
				values (?, ?, ?, ?, ?, ?)""")
			.params(id, kind.name(), trimmed, (kind == Partner.Kind.CARRIER) ? carrierName : null, actor,
					now.atOffset(ZoneOffset.UTC))
			.update();
		this.events.publishEvent(new PartnerChanged(actor, "partners.partner.created", trimmed, origin, now));
		return find(id).orElseThrow();
	}

	@Transactional(readOnly = true)
	public List<Partner> all() {
		return this.jdbc.sql("select * from partner order by kind, name").query(Partners::partner).list();
	}

	@Transactional(readOnly = true)
	public Optional<Partner> find(UUID id) {
		return this.jdbc.sql("select * from partner where id = ?").param(id).query(Partners::partner).optional();
	}

	/**
	 * Invites someone to work for a partner: an account with the partner role, and an
	 * email with a link to choose its password.
	 * @throws InvalidPartner when the address has an account already
	 */
	@Transactional
	public Member invite(UUID partnerId, String address, String name, String baseUrl, String actor, String origin) {
		Partner partner = find(partnerId).orElseThrow(() -> new InvalidPartner("partner", "unknown"));
		EmailAddress email;
		try {
			email = EmailAddress.of(address);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidPartner("email", "email");
		}
		if (name.isBlank() || name.strip().length() > 100) {
			throw new InvalidPartner("name", "personName");
		}
		if (this.accounts.findByEmail(email).isPresent()) {
			throw new InvalidPartner("email", "exists");
		}
		byte[] secret = new byte[24];
		random.nextBytes(secret);
		AccountView account = this.accounts.open(
				new NewAccount(email, name.strip(), Base64.getUrlEncoder().encodeToString(secret), Role.PARTNER, null));
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				insert into partner_member (account_id, partner_id, invited_by, invited_at)
				values (?, ?, ?, ?)""").params(account.id(), partnerId, actor, now.atOffset(ZoneOffset.UTC)).update();
		this.accounts.requestPasswordReset(email, baseUrl, origin);
		this.events.publishEvent(new PartnerChanged(actor, "partners.member.invited",
				partner.name() + ": " + email.value(), origin, now));
		return new Member(account.id(), email.value(), account.displayName(), partner);
	}

	/**
	 * Links an existing partner account to a partner, for the demo: people are otherwise
	 * invited.
	 */
	@Transactional
	void link(UUID partnerId, UUID account, String actor) {
		this.jdbc.sql("""
				insert into partner_member (account_id, partner_id, invited_by, invited_at)
				values (?, ?, ?, ?) on conflict do nothing""")
			.params(account, partnerId, actor, this.clock.instant().atOffset(ZoneOffset.UTC))
			.update();
	}

	/**
	 * The partner the account works for, if any.
	 */
	@Transactional(readOnly = true)
	public Optional<Member> member(UUID account) {
		return this.jdbc.sql("""
				select m.account_id, p.* from partner_member m join partner p on p.id = m.partner_id
				where m.account_id = ?""").param(account).query(this::toMember).optional().flatMap((found) -> found);
	}

	@Transactional(readOnly = true)
	public List<Member> members(UUID partner) {
		return this.jdbc.sql("""
				select m.account_id, p.* from partner_member m join partner p on p.id = m.partner_id
				where m.partner_id = ? order by m.invited_at""")
			.param(partner)
			.query(this::toMember)
			.list()
			.stream()
			.flatMap(Optional::stream)
			.toList();
	}

	private Optional<Member> toMember(java.sql.ResultSet row, int n) throws java.sql.SQLException {
		Partner partner = partner(row, n);
		return this.accounts.find(row.getObject("account_id", UUID.class))
			.map((account) -> new Member(account.id(), account.email().value(), account.displayName(), partner));
	}

	private static Partner partner(java.sql.ResultSet row, int n) throws java.sql.SQLException {
		return new Partner(row.getObject("id", UUID.class), Partner.Kind.valueOf(row.getString("kind")),
				row.getString("name"), row.getString("carrier"),
				row.getObject("created_at", OffsetDateTime.class).toInstant());
	}

}
