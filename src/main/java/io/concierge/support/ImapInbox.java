package io.concierge.support;

import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.StoreClosedException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reads the support mailbox over IMAP: each unread mail into {@link MailIntake}, then
 * marked read, so a mail that failed is read again next time (and added once, by its
 * Message-ID). A mail that cannot be read at all is marked read and flagged for a person
 * to look at. On when {@code concierge.support.imap.host} is set.
 */
@Component
@ConditionalOnProperty("concierge.support.imap.host")
class ImapInbox {

	private static final Logger log = LoggerFactory.getLogger(ImapInbox.class);

	private final MailIntake intake;

	private final SupportSettings.Imap settings;

	ImapInbox(MailIntake intake, SupportSettings settings) {
		this.intake = intake;
		this.settings = java.util.Objects.requireNonNull(settings.imap());
	}

	@Scheduled(fixedDelayString = "${concierge.support.imap.poll-interval:PT1M}", initialDelayString = "PT5S")
	void poll() {
		try {
			read();
		}
		catch (MessagingException | RuntimeException ex) {
			log.warn("Reading the support mailbox failed; trying again at the next poll: {}", ex.getMessage());
		}
	}

	/**
	 * @return how many mails were read
	 */
	int read() throws MessagingException {
		String protocol = this.settings.ssl() ? "imaps" : "imap";
		Properties properties = new Properties();
		properties.put("mail." + protocol + ".connectiontimeout", "10000");
		properties.put("mail." + protocol + ".timeout", "30000");
		// reading a mail does not mark it read: only a mail taken in is
		properties.put("mail." + protocol + ".peek", "true");
		Session session = Session.getInstance(properties);
		int read = 0;
		try (Store store = session.getStore(protocol)) {
			store.connect(this.settings.host(), this.settings.port(), this.settings.username(),
					this.settings.password());
			try (Folder folder = store.getFolder(this.settings.folder())) {
				folder.open(Folder.READ_WRITE);
				for (Message message : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
					InboundMail mail = readable(message);
					if (mail != null) {
						MailIntake.Outcome outcome = this.intake.receive(mail);
						log.debug("Support mail {}: {}", message.getMessageNumber(), outcome);
					}
					message.setFlag(Flags.Flag.SEEN, true);
					read++;
				}
			}
		}
		return read;
	}

	/**
	 * The mail, or null when it cannot be read at all: it is flagged in the mailbox for a
	 * person to look at, instead of stopping every poll at it. A connection lost while
	 * reading is no fault of the mail's, and ends the poll.
	 */
	private static @Nullable InboundMail readable(Message message) throws MessagingException {
		try {
			return InboundMail.of(new MimeMessage((MimeMessage) message));
		}
		catch (FolderClosedException | StoreClosedException ex) {
			throw ex;
		}
		catch (MessagingException | RuntimeException ex) {
			log.warn("Support mail {} cannot be read and is left flagged in the mailbox: {}",
					message.getMessageNumber(), ex.getMessage());
			message.setFlag(Flags.Flag.FLAGGED, true);
			return null;
		}
	}

}
