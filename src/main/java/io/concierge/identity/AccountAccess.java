package io.concierge.identity;

import java.time.Clock;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.identity.AccountEvents.AccountAccessChanged;
import io.concierge.shared.EmailAddress;

/**
 * Administrators end all of a person's sessions, and disable or enable an account: a
 * stolen laptop, a person who left, an account under attack. A disabled account's
 * sessions end at once on every node; its password, passkeys and single sign-on are
 * refused from then on (the refusal says so only after the right password, so it tells a
 * stranger nothing). Its data stays. API keys and OAuth clients belong to integrations,
 * not to a person, and are revoked on their own page.
 */
@Service
public class AccountAccess {

	private final AccountRepository accounts;

	private final Sessions sessions;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	AccountAccess(AccountRepository accounts, Sessions sessions, JdbcClient jdbc, ApplicationEventPublisher events,
			Clock clock) {
		this.accounts = accounts;
		this.sessions = sessions;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * What an administrator sees of a person's access.
	 *
	 * @param email the account's address
	 * @param name the person's name
	 * @param role the account's role
	 * @param enabled whether the account may sign in
	 * @param sessions how many sessions it has open
	 */
	public record Standing(EmailAddress email, String name, Role role, boolean enabled, int sessions) {

	}

	/**
	 * Why an administrator's change was not made, as a message key.
	 */
	public static class AccessRefused extends RuntimeException {

		private final String reason;

		AccessRefused(String reason) {
			super(reason);
			this.reason = reason;
		}

		public String reason() {
			return this.reason;
		}

	}

	@Transactional(readOnly = true)
	public Optional<Standing> of(EmailAddress email) {
		return this.accounts.findByEmail(email.value())
			.map((account) -> new Standing(email, account.displayName(), account.role(), account.enabled(),
					this.sessions.count(email)));
	}

	/**
	 * Ends every session of the account, wherever it was opened.
	 * @return how many ended
	 */
	@Transactional
	public int endSessions(EmailAddress email, String administrator, String origin) {
		account(email);
		int ended = this.sessions.endAll(email);
		this.events.publishEvent(new AccountAccessChanged(administrator, "sessions-ended",
				email.value() + ": " + ended + " session(s)", origin, this.clock.instant()));
		return ended;
	}

	/**
	 * Disables the account and ends its sessions; an administrator cannot disable their
	 * own.
	 */
	@Transactional
	public void disable(EmailAddress email, String administrator, String origin) {
		account(email);
		if (email.value().equals(EmailAddress.of(administrator).value())) {
			throw new AccessRefused("identityAdmin.access.self");
		}
		setEnabled(email, false);
		int ended = this.sessions.endAll(email);
		this.events.publishEvent(new AccountAccessChanged(administrator, "disabled",
				email.value() + ": " + ended + " session(s) ended", origin, this.clock.instant()));
	}

	@Transactional
	public void enable(EmailAddress email, String administrator, String origin) {
		account(email);
		setEnabled(email, true);
		this.events.publishEvent(
				new AccountAccessChanged(administrator, "enabled", email.value(), origin, this.clock.instant()));
	}

	private void account(EmailAddress email) {
		if (this.accounts.findByEmail(email.value()).isEmpty()) {
			throw new AccessRefused("identityAdmin.access.unknown");
		}
	}

	private void setEnabled(EmailAddress email, boolean enabled) {
		// by SQL, as the row may be held by Hibernate in this transaction; erased
		// accounts are pseudonymised, never found by their old address
		this.jdbc.sql("update account set enabled = ? where email = ?").params(enabled, email.value()).update();
	}

}
