package io.concierge.notifications;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.concierge.identity.AccountEvents.AccountLockedOut;
import io.concierge.identity.AccountEvents.EmailChangeRequested;
import io.concierge.identity.AccountEvents.EmailChanged;
import io.concierge.identity.AccountEvents.EmailVerificationRequested;
import io.concierge.identity.AccountEvents.InvitationSent;
import io.concierge.identity.AccountEvents.NewDeviceSignIn;
import io.concierge.identity.AccountEvents.PasswordChanged;
import io.concierge.identity.AccountEvents.PasswordResetRequested;
import io.concierge.identity.AccountEvents.Recipient;
import io.concierge.identity.AccountEvents.RegistrationAttemptedForExistingAccount;
import io.concierge.identity.AccountEvents.SecondFactorChanged;

/**
 * Writes the emails about accounts, in the recipient's language, once the identity
 * module's transaction has committed.
 */
@Component
class AccountMails {

	private final MailOutbox outbox;

	private final MessageSource messages;

	AccountMails(MailOutbox outbox, MessageSource messages) {
		this.outbox = outbox;
		this.messages = messages;
	}

	@ApplicationModuleListener
	void on(EmailVerificationRequested event) {
		send(event.to(), "mail.verify", event.link());
	}

	@ApplicationModuleListener
	void on(RegistrationAttemptedForExistingAccount event) {
		send(event.to(), "mail.existing", event.resetLink());
	}

	@ApplicationModuleListener
	void on(PasswordResetRequested event) {
		send(event.to(), "mail.reset", event.link());
	}

	@ApplicationModuleListener
	void on(AccountLockedOut event) {
		send(event.to(), "mail.lockedOut", "");
	}

	@ApplicationModuleListener
	void on(NewDeviceSignIn event) {
		Locale locale = Locale.of(event.to().language());
		Object[] arguments = { event.to().name(), event.device(), event.origin(), event.occurredAt().toString() };
		this.outbox.send(event.to().email(), this.messages.getMessage("mail.newDevice.subject", arguments, locale),
				this.messages.getMessage("mail.newDevice.body", arguments, locale));
	}

	@ApplicationModuleListener
	void on(SecondFactorChanged event) {
		Locale locale = Locale.of(event.to().language());
		String change = this.messages.getMessage("mail.mfaChanged." + event.change(), null, locale);
		Object[] arguments = { event.to().name(), change };
		this.outbox.send(event.to().email(), this.messages.getMessage("mail.mfaChanged.subject", arguments, locale),
				this.messages.getMessage("mail.mfaChanged.body", arguments, locale));
	}

	@ApplicationModuleListener
	void on(InvitationSent event) {
		Locale locale = Locale.of(event.language());
		Object[] arguments = { event.link(), event.organisation(), event.invitedBy() };
		this.outbox.send(event.email(), this.messages.getMessage("mail.invitation.subject", arguments, locale),
				this.messages.getMessage("mail.invitation.body", arguments, locale));
	}

	@ApplicationModuleListener
	void on(EmailChangeRequested event) {
		Locale locale = Locale.of(event.to().language());
		Object[] link = { event.to().name(), event.link() };
		this.outbox.send(event.newEmail(), this.messages.getMessage("mail.emailChange.subject", link, locale),
				this.messages.getMessage("mail.emailChange.body", link, locale));
		Object[] notice = { event.to().name(), event.newEmail().value() };
		this.outbox.send(event.to().email(), this.messages.getMessage("mail.emailChangeNotice.subject", notice, locale),
				this.messages.getMessage("mail.emailChangeNotice.body", notice, locale));
	}

	@ApplicationModuleListener
	void on(EmailChanged event) {
		send(event.formerly(), "mail.emailChanged", event.newEmail().value());
	}

	@ApplicationModuleListener
	void on(PasswordChanged event) {
		send(event.to(), "mail.passwordChanged", "");
	}

	private void send(Recipient to, String key, String link) {
		Locale locale = Locale.of(to.language());
		Object[] arguments = { to.name(), link };
		this.outbox.send(to.email(), this.messages.getMessage(key + ".subject", arguments, locale),
				this.messages.getMessage(key + ".body", arguments, locale));
	}

}
