package io.concierge.identity;

import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.identity.AccountEvents.AccountLockedOut;
import io.concierge.identity.AccountEvents.AccountRegistered;
import io.concierge.identity.AccountEvents.EmailChangeRequested;
import io.concierge.identity.AccountEvents.EmailChanged;
import io.concierge.identity.AccountEvents.EmailVerificationRequested;
import io.concierge.identity.AccountEvents.EmailVerified;
import io.concierge.identity.AccountEvents.PasswordChanged;
import io.concierge.identity.AccountEvents.PasswordResetRequested;
import io.concierge.identity.AccountEvents.ProfileUpdated;
import io.concierge.identity.AccountEvents.Recipient;
import io.concierge.identity.AccountEvents.RegistrationAttemptedForExistingAccount;
import io.concierge.identity.AccountToken.Purpose;
import io.concierge.shared.EmailAddress;

/**
 * The identity module's public face: opens, finds and looks after accounts. Links in
 * emails are built from the {@code baseUrl} the caller passes (the address the request
 * came in on). Methods that take an email address someone typed answer the same whether
 * an account exists or not.
 */
@Service
public class Accounts {

	private final AccountRepository accounts;

	private final OrganisationRepository organisations;

	private final PasswordEncoder passwordEncoder;

	private final PasswordPolicy passwordPolicy;

	private final Tokens tokens;

	private final Sessions sessions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Accounts(AccountRepository accounts, OrganisationRepository organisations, PasswordEncoder passwordEncoder,
			PasswordPolicy passwordPolicy, Tokens tokens, Sessions sessions, ApplicationEventPublisher events,
			Clock clock) {
		this.accounts = accounts;
		this.organisations = organisations;
		this.passwordEncoder = passwordEncoder;
		this.passwordPolicy = passwordPolicy;
		this.tokens = tokens;
		this.sessions = sessions;
		this.events = events;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public Optional<AccountView> findByEmail(EmailAddress email) {
		return this.accounts.findByEmail(email.value()).map(Account::view);
	}

	@Transactional(readOnly = true)
	public Optional<AccountView> find(UUID id) {
		return this.accounts.findById(id).map(Account::view);
	}

	/**
	 * The accounts of one role (the support team, say), by email address.
	 */
	@Transactional(readOnly = true)
	public java.util.List<AccountView> withRole(Role role) {
		return this.accounts.findByRoleOrderByEmail(role).stream().map(Account::view).toList();
	}

	/**
	 * Opens an account that staff vouch for (seeding, invitations): verified from the
	 * start.
	 */
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
		Account account = new Account(request.email(), request.displayName(), hash(request.password()), request.role(),
				organisation, true, null, this.clock.instant());
		return this.accounts.save(account).view();
	}

	/**
	 * Opens a customer account whose address still has to be verified, and mails the
	 * link. When the address has an account already, its owner is mailed instead; the
	 * caller cannot tell.
	 * @throws PasswordRefused when the password does not meet the policy
	 */
	@Transactional
	public void register(Registration registration, String baseUrl, String origin) {
		requireAcceptable(registration.password(), registration.email(), registration.displayName(), null);
		// hashed either way, so the time taken does not tell whether the address has an
		// account
		String passwordHash = hash(registration.password());
		Optional<Account> existing = this.accounts.findByEmail(registration.email().value());
		if (existing.isPresent()) {
			this.events.publishEvent(new RegistrationAttemptedForExistingAccount(recipient(existing.get()),
					baseUrl + "/password/forgot"));
			return;
		}
		Account account = this.accounts.save(new Account(registration.email(), registration.displayName(), passwordHash,
				Role.CUSTOMER, null, false, registration.language(), this.clock.instant()));
		this.events.publishEvent(new AccountRegistered(account.email(), origin, this.clock.instant()));
		sendVerification(account, baseUrl);
	}

	/**
	 * Mails a fresh verification link to an account that is not verified yet.
	 */
	@Transactional
	public void resendVerification(EmailAddress email, String baseUrl) {
		this.accounts.findByEmail(email.value())
			.filter((account) -> !account.emailVerified())
			.ifPresent((account) -> sendVerification(account, baseUrl));
	}

	/**
	 * Marks the address behind a verification link as verified.
	 * @return the account, or empty when the link is unknown, used or expired
	 */
	@Transactional
	public Optional<AccountView> verifyEmail(String token, String origin) {
		return this.tokens.redeem(token, Purpose.VERIFY_EMAIL).flatMap(this.accounts::findById).map((account) -> {
			account.verifyEmail();
			this.events.publishEvent(new EmailVerified(account.email(), origin, this.clock.instant()));
			return account.view();
		});
	}

	/**
	 * Mails a reset link valid for 30 minutes, if the address has an account.
	 */
	@Transactional
	public void requestPasswordReset(EmailAddress email, String baseUrl, String origin) {
		this.accounts.findByEmail(email.value()).ifPresent((account) -> {
			String token = this.tokens.issue(account.id(), Purpose.RESET_PASSWORD);
			this.events.publishEvent(new PasswordResetRequested(recipient(account),
					baseUrl + "/password/reset?token=" + token, origin, this.clock.instant()));
		});
	}

	/**
	 * Whether a reset link can still be used, to show its form or explain why not.
	 */
	@Transactional(readOnly = true)
	public boolean resetLinkUsable(String token) {
		return this.tokens.peek(token, Purpose.RESET_PASSWORD).isPresent();
	}

	/**
	 * Sets a new password through a reset link, which is then used up. Following the link
	 * also proves the address, so an unverified account becomes verified.
	 * @return false when the link is unknown, used or expired
	 * @throws PasswordRefused when the password does not meet the policy (the link stays
	 * usable)
	 */
	@Transactional
	public boolean resetPassword(String token, String newPassword, String origin) {
		Optional<Account> found = this.tokens.peek(token, Purpose.RESET_PASSWORD).flatMap(this.accounts::findById);
		if (found.isEmpty()) {
			return false;
		}
		Account account = found.get();
		requireAcceptable(newPassword, account);
		this.tokens.redeem(token, Purpose.RESET_PASSWORD);
		account.changePasswordHash(hash(newPassword));
		account.verifyEmail();
		this.sessions.revokeAllBut(new EmailAddress(account.email()), "", origin);
		this.events.publishEvent(new PasswordChanged(recipient(account), true, origin, this.clock.instant()));
		return true;
	}

	/**
	 * Changes a password when the current one is given, and ends the account's other
	 * sessions.
	 * @return false when the current password is wrong
	 * @throws PasswordRefused when the new password does not meet the policy
	 */
	@Transactional
	public boolean changePassword(EmailAddress email, String currentPassword, String newPassword, String currentSession,
			String origin) {
		Account account = this.accounts.findByEmail(email.value()).orElseThrow();
		if (!this.passwordEncoder.matches(currentPassword, account.passwordHash())) {
			return false;
		}
		requireAcceptable(newPassword, account);
		account.changePasswordHash(hash(newPassword));
		this.sessions.revokeAllBut(email, currentSession, origin);
		this.events.publishEvent(new PasswordChanged(recipient(account), false, origin, this.clock.instant()));
		return true;
	}

	/**
	 * Starts moving an account to another address: a link goes to the new one (24 hours),
	 * a notice to the current one. An address that has an account already gets nothing,
	 * and the caller cannot tell.
	 * @return false when the current password is wrong
	 */
	@Transactional
	public boolean requestEmailChange(EmailAddress email, String currentPassword, EmailAddress newEmail, String baseUrl,
			String origin) {
		Account account = this.accounts.findByEmail(email.value()).orElseThrow();
		if (!this.passwordEncoder.matches(currentPassword, account.passwordHash())) {
			return false;
		}
		if (newEmail.equals(email) || this.accounts.existsByEmail(newEmail.value())) {
			return true;
		}
		String token = this.tokens.issue(account.id(), Purpose.CHANGE_EMAIL, newEmail.value());
		this.events.publishEvent(new EmailChangeRequested(recipient(account), newEmail,
				baseUrl + "/account/email/confirm?token=" + token, origin, this.clock.instant()));
		return true;
	}

	/**
	 * Moves the account to the address the link was sent to, and signs it out everywhere:
	 * it signs in with the new address from now on.
	 * @return false when the link is unknown, used or expired, or the address was taken
	 * meanwhile
	 */
	@Transactional
	public boolean confirmEmailChange(String token, String origin) {
		Optional<AccountToken> found = this.tokens.redeemToken(token, Purpose.CHANGE_EMAIL);
		if (found.isEmpty() || found.get().newEmail() == null || this.accounts.existsByEmail(found.get().newEmail())) {
			return false;
		}
		Account account = this.accounts.findById(found.get().accountId()).orElseThrow();
		Recipient formerly = recipient(account);
		EmailAddress newEmail = EmailAddress.of(found.get().newEmail());
		this.sessions.revokeAllBut(formerly.email(), "", origin);
		account.changeEmail(newEmail);
		this.events.publishEvent(new EmailChanged(formerly, newEmail, origin, this.clock.instant()));
		return true;
	}

	@Transactional
	public AccountView updateProfile(EmailAddress email, ProfileChange change, String origin) {
		Account account = this.accounts.findByEmail(email.value()).orElseThrow();
		account.updateProfile(change);
		this.events.publishEvent(new ProfileUpdated(account.email(), origin, this.clock.instant()));
		return account.view();
	}

	/**
	 * Tells the owner of an account that repeated failed sign-ins have locked it for a
	 * while.
	 */
	@Transactional
	public void lockedOut(String email, String origin) {
		this.accounts.findByEmail(email)
			.ifPresent((account) -> this.events
				.publishEvent(new AccountLockedOut(recipient(account), origin, this.clock.instant())));
	}

	private void sendVerification(Account account, String baseUrl) {
		String token = this.tokens.issue(account.id(), Purpose.VERIFY_EMAIL);
		this.events.publishEvent(
				new EmailVerificationRequested(recipient(account), baseUrl + "/account/verify?token=" + token));
	}

	private void requireAcceptable(String password, Account account) {
		requireAcceptable(password, new EmailAddress(account.email()), account.displayName(),
				account.view().organisationName());
	}

	private void requireAcceptable(String password, EmailAddress email, String name,
			@Nullable String organisationName) {
		this.passwordPolicy.problemWith(password, email, Arrays.asList(name, organisationName)).ifPresent((problem) -> {
			throw new PasswordRefused(problem);
		});
	}

	private String hash(String password) {
		return this.passwordEncoder.encode(password);
	}

	private static Recipient recipient(Account account) {
		return new Recipient(new EmailAddress(account.email()), account.displayName(), account.language());
	}

}
