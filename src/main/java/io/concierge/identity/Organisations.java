package io.concierge.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.identity.AccountEvents.InvitationSent;
import io.concierge.identity.AccountEvents.MembershipChanged;
import io.concierge.shared.EmailAddress;
import io.concierge.shared.NotFound;

/**
 * Company accounts: their members and roles, and invitations to join. Only an
 * organisation's admins change it, and only their own: a member or invitation of another
 * organisation is {@link NotFound}, like one that does not exist.
 */
@Service
public class Organisations {

	static final Duration INVITATION_VALIDITY = Duration.ofDays(7);

	private final AccountRepository accounts;

	private final OrganisationRepository organisations;

	private final Callers callers;

	private final Sessions sessions;

	private final PasswordPolicy passwordPolicy;

	private final PasswordEncoder passwordEncoder;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Organisations(AccountRepository accounts, OrganisationRepository organisations, Callers callers, Sessions sessions,
			PasswordPolicy passwordPolicy, PasswordEncoder passwordEncoder, JdbcClient jdbc,
			ApplicationEventPublisher events, Clock clock) {
		this.accounts = accounts;
		this.organisations = organisations;
		this.callers = callers;
		this.sessions = sessions;
		this.passwordPolicy = passwordPolicy;
		this.passwordEncoder = passwordEncoder;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * A company account, for administrators to choose from.
	 */
	public record Company(UUID id, String name) {

	}

	/**
	 * Every company account by name.
	 */
	@Transactional(readOnly = true)
	public List<Company> companies() {
		return this.jdbc.sql("select id, name from organisation order by lower(name)")
			.query((rs, n) -> new Company(rs.getObject(1, UUID.class), rs.getString(2)))
			.list();
	}

	/**
	 * A user of the company account.
	 */
	public record Member(UUID id, String name, String email, Set<OrganisationRole> roles) {

	}

	/**
	 * An invitation not yet accepted.
	 */
	public record PendingInvitation(UUID id, String email, Set<OrganisationRole> roles, String invitedBy,
			Instant expiresAt) {

	}

	/**
	 * What an organisation's admin sees.
	 */
	public record Overview(String name, List<Member> members, List<PendingInvitation> invitations) {

	}

	/**
	 * An invitation as the invited person sees it.
	 */
	public record Invitation(String organisation, String email, Set<OrganisationRole> roles, boolean accountExists) {

	}

	@Transactional(readOnly = true)
	public Overview overview(Caller caller) {
		UUID organisation = adminOf(caller);
		List<Member> members = this.jdbc.sql("""
				select a.id, a.display_name, a.email from account a where a.organisation_id = ?
				order by a.display_name""").param(organisation).query((row, n) -> {
			UUID id = row.getObject("id", UUID.class);
			return new Member(id, row.getString("display_name"), row.getString("email"), rolesOf(id));
		}).list();
		List<PendingInvitation> invitations = this.jdbc.sql("""
				select id, email, roles, invited_by, expires_at from invitation
				where organisation_id = ? and accepted_at is null and revoked_at is null and expires_at > ?
				order by created_at desc""")
			.params(organisation, utc(this.clock.instant()))
			.query((row, n) -> new PendingInvitation(row.getObject("id", UUID.class), row.getString("email"),
					roles(row.getString("roles")), row.getString("invited_by"),
					row.getObject("expires_at", OffsetDateTime.class).toInstant()))
			.list();
		return new Overview(this.organisations.findById(organisation).orElseThrow().name(), members, invitations);
	}

	/**
	 * Invites someone by email; an earlier open invitation of the same address is
	 * replaced.
	 * @throws IllegalStateException when the address is a member already
	 */
	@Transactional
	public void invite(Caller caller, EmailAddress email, Set<OrganisationRole> roles, String baseUrl, String origin) {
		UUID organisation = adminOf(caller);
		if (roles.isEmpty()) {
			throw new IllegalArgumentException("An invitation needs at least one role");
		}
		boolean member = this.accounts.findByEmail(email.value())
			.map((account) -> organisation.equals(account.organisationId()))
			.orElse(false);
		if (member) {
			throw new IllegalStateException(email + " is a member already");
		}
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				update invitation set revoked_at = ? where organisation_id = ? and email = ?
				and accepted_at is null and revoked_at is null""")
			.params(utc(now), organisation, email.value())
			.update();
		String token = Secrets.randomToken();
		Account inviter = this.accounts.findById(caller.account()).orElseThrow();
		this.jdbc
			.sql("""
					insert into invitation (id, token_hash, organisation_id, email, roles, invited_by, created_at, expires_at)
					values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), Secrets.sha256(token), organisation, email.value(), text(roles),
					inviter.displayName(), utc(now), utc(now.plus(INVITATION_VALIDITY)))
			.update();
		String organisationName = this.organisations.findById(organisation).orElseThrow().name();
		this.events.publishEvent(new InvitationSent(email, organisationName, inviter.displayName(),
				baseUrl + "/invitation?token=" + token, inviter.language()));
		changed(caller, "invited", email.value(), origin);
	}

	@Transactional
	public void revokeInvitation(Caller caller, UUID invitation, String origin) {
		UUID organisation = adminOf(caller);
		int revoked = this.jdbc.sql("""
				update invitation set revoked_at = ? where id = ? and organisation_id = ?
				and accepted_at is null and revoked_at is null""")
			.params(utc(this.clock.instant()), invitation, organisation)
			.update();
		if (revoked == 0) {
			throw new NotFound("Invitation");
		}
		changed(caller, "invitation-revoked", invitation.toString(), origin);
	}

	/**
	 * Gives a member other roles; an organisation always keeps at least one admin.
	 */
	@Transactional
	public void changeRoles(Caller caller, UUID memberId, Set<OrganisationRole> roles, String origin) {
		UUID organisation = adminOf(caller);
		Account member = memberOf(organisation, memberId);
		if (!roles.contains(OrganisationRole.ADMIN) && isLastAdmin(organisation, memberId)) {
			throw new IllegalStateException("An organisation keeps at least one admin");
		}
		setRoles(memberId, roles);
		changed(caller, "roles-changed", member.email() + " " + text(roles), origin);
	}

	/**
	 * Removes a member from the company account and signs them out everywhere.
	 */
	@Transactional
	public void remove(Caller caller, UUID memberId, String origin) {
		UUID organisation = adminOf(caller);
		Account member = memberOf(organisation, memberId);
		if (isLastAdmin(organisation, memberId)) {
			throw new IllegalStateException("An organisation keeps at least one admin");
		}
		setRoles(memberId, Set.of());
		member.leaveOrganisation();
		this.sessions.revokeAllBut(new EmailAddress(member.email()), "", origin);
		changed(caller, "removed", member.email(), origin);
	}

	@Transactional(readOnly = true)
	public Optional<Invitation> invitation(String token) {
		return open(token)
			.map((row) -> new Invitation(this.organisations.findById(row.organisation()).orElseThrow().name(),
					row.email(), row.roles(), this.accounts.existsByEmail(row.email())));
	}

	/**
	 * Accepts an invitation with a new account; the link proves the address, so it is
	 * verified.
	 * @throws PasswordRefused when the password does not meet the policy
	 */
	@Transactional
	public boolean acceptWithNewAccount(String token, String name, String password, String origin) {
		Optional<OpenInvitation> found = open(token);
		if (found.isEmpty() || this.accounts.existsByEmail(found.get().email())) {
			return false;
		}
		OpenInvitation invitation = found.get();
		EmailAddress email = EmailAddress.of(invitation.email());
		Organisation organisation = this.organisations.findById(invitation.organisation()).orElseThrow();
		this.passwordPolicy.problemWith(password, email, Arrays.asList(name, organisation.name()))
			.ifPresent((problem) -> {
				throw new PasswordRefused(problem);
			});
		Account account = this.accounts.saveAndFlush(new Account(email, name, this.passwordEncoder.encode(password),
				Role.CUSTOMER, organisation, true, null, this.clock.instant()));
		join(invitation, account, origin);
		return true;
	}

	/**
	 * Accepts an invitation as the signed-in account it was sent to.
	 * @return false when the link is no longer valid, was sent to another address, or the
	 * account belongs to another organisation already
	 */
	@Transactional
	public boolean acceptAsExisting(String token, EmailAddress signedIn, String origin) {
		Optional<OpenInvitation> found = open(token)
			.filter((invitation) -> invitation.email().equals(signedIn.value()));
		if (found.isEmpty()) {
			return false;
		}
		Account account = this.accounts.findByEmail(signedIn.value()).orElseThrow();
		if (account.organisationId() != null && !account.organisationId().equals(found.get().organisation())) {
			return false;
		}
		account.joinOrganisation(this.organisations.findById(found.get().organisation()).orElseThrow());
		join(found.get(), account, origin);
		return true;
	}

	private void join(OpenInvitation invitation, Account account, String origin) {
		setRoles(account.id(), invitation.roles());
		this.jdbc.sql("update invitation set accepted_at = ? where id = ?")
			.params(utc(this.clock.instant()), invitation.id())
			.update();
		this.events.publishEvent(new MembershipChanged(account.email(), "joined", invitation.organisation().toString(),
				origin, this.clock.instant()));
	}

	private record OpenInvitation(UUID id, UUID organisation, String email, Set<OrganisationRole> roles) {

	}

	private Optional<OpenInvitation> open(String token) {
		return this.jdbc.sql("""
				select id, organisation_id, email, roles from invitation
				where token_hash = ? and accepted_at is null and revoked_at is null and expires_at > ?""")
			.params(Secrets.sha256(token), utc(this.clock.instant()))
			.query(Organisations::openInvitation)
			.optional();
	}

	private static OpenInvitation openInvitation(ResultSet row, int number) throws SQLException {
		return new OpenInvitation(row.getObject("id", UUID.class), row.getObject("organisation_id", UUID.class),
				row.getString("email"), roles(row.getString("roles")));
	}

	private UUID adminOf(Caller caller) {
		if (!caller.may(OrganisationRole.ADMIN)) {
			throw new AccessDeniedException("Only an organisation's admins manage it");
		}
		return caller.organisation();
	}

	private Account memberOf(UUID organisation, UUID memberId) {
		return this.accounts.findById(memberId)
			.filter((account) -> organisation.equals(account.organisationId()))
			.orElseThrow(() -> new NotFound("Member"));
	}

	/**
	 * Locks the company's admin roles for the rest of the transaction, so two admins
	 * demoting each other at once cannot leave it with none.
	 */
	private boolean isLastAdmin(UUID organisation, UUID memberId) {
		List<UUID> admins = this.jdbc.sql("""
				select r.account_id from organisation_role r join account a on a.id = r.account_id
				where a.organisation_id = ? and r.role = 'ADMIN' for update of r""")
			.param(organisation)
			.query(UUID.class)
			.list();
		return admins.size() == 1 && admins.contains(memberId);
	}

	private Set<OrganisationRole> rolesOf(UUID account) {
		return this.callers.rolesOf(this.accounts.findById(account).orElseThrow());
	}

	private void setRoles(UUID account, Set<OrganisationRole> roles) {
		this.jdbc.sql("delete from organisation_role where account_id = ?").param(account).update();
		roles.forEach((role) -> this.jdbc.sql("insert into organisation_role (account_id, role) values (?, ?)")
			.params(account, role.name())
			.update());
	}

	private void changed(Caller caller, String change, String subject, String origin) {
		String actor = this.accounts.findById(caller.account()).map(Account::email).orElse("unknown");
		this.events.publishEvent(new MembershipChanged(actor, change, subject, origin, this.clock.instant()));
	}

	/**
	 * Gives an account roles in its organisation directly; for demo data.
	 */
	@Transactional
	void grant(EmailAddress email, Set<OrganisationRole> roles) {
		setRoles(this.accounts.findByEmail(email.value()).orElseThrow().id(), roles);
	}

	private static String text(Set<OrganisationRole> roles) {
		return roles.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
	}

	private static Set<OrganisationRole> roles(String text) {
		Set<OrganisationRole> roles = EnumSet.noneOf(OrganisationRole.class);
		Arrays.stream(text.split(","))
			.filter((role) -> !role.isBlank())
			.map(OrganisationRole::valueOf)
			.forEach(roles::add);
		return roles;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
