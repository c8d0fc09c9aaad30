package io.concierge.support;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.concierge.identity.AccountView;
import io.concierge.identity.Accounts;
import io.concierge.identity.Caller;
import io.concierge.shared.EmailAddress;

/**
 * Mail from customers, into tickets. A reply finds its ticket by the signed reply address
 * it was sent to, else by the Message-ID of the answer it replies to; only the ticket's
 * customer may write into it. A mail from a known customer that belongs to no ticket
 * opens one. Auto-replies, bounces, lists and our own mail come back are read and
 * dropped, never answered; a mail read twice is added once.
 */
@Service
public class MailIntake {

	private static final Logger log = LoggerFactory.getLogger(MailIntake.class);

	private static final Pattern OUR_MESSAGE = Pattern.compile("<ticket-([0-9a-f-]{36})@[^>]+>");

	private final Tickets tickets;

	private final ReplyAddress replyAddress;

	private final Accounts accounts;

	private final JdbcClient jdbc;

	private final io.concierge.identity.Callers callers;

	private final TransactionTemplate transactions;

	private final Clock clock;

	MailIntake(Tickets tickets, ReplyAddress replyAddress, Accounts accounts, JdbcClient jdbc,
			io.concierge.identity.Callers callers, TransactionTemplate transactions, Clock clock) {
		this.tickets = tickets;
		this.replyAddress = replyAddress;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.callers = callers;
		this.transactions = transactions;
		this.clock = clock;
	}

	public enum Outcome {

		ADDED, OPENED, DUPLICATE, AUTOMATIC, OURS, UNKNOWN_SENDER, REFUSED

	}

	/**
	 * A mail as it came, from the IMAP inbox or an inbound-mail webhook.
	 */
	public Outcome receive(jakarta.mail.internet.MimeMessage message) throws jakarta.mail.MessagingException {
		return receive(InboundMail.of(message));
	}

	/**
	 * Adds the mail to its ticket, or opens one. An attachment the document store refuses
	 * does not lose the text: it is added without it, with a note saying why.
	 */
	Outcome receive(InboundMail mail) {
		if (mail.ours()) {
			return Outcome.OURS;
		}
		if (mail.automatic()) {
			log.info("Not answering automatic mail {} from {}", mail.messageId(), mail.from());
			return Outcome.AUTOMATIC;
		}
		if (mail.messageId() != null && this.jdbc.sql("select count(*) from ticket_message where mail_id = ?")
			.param(mail.messageId())
			.query(Long.class)
			.single() > 0) {
			return Outcome.DUPLICATE;
		}
		Optional<AccountView> sender = sender(mail);
		String text = text(mail);
		InboundMail.Attachment first = mail.attachments().isEmpty() ? null : mail.attachments().getFirst();
		try {
			return this.transactions.execute((status) -> deliver(mail, sender, text,
					(first != null) ? new Tickets.Attachment(first.filename(), first.content()) : null));
		}
		catch (io.concierge.documents.DocumentRefused ex) {
			log.info("The attachment of mail {} was refused ({}): adding the text alone", mail.messageId(),
					ex.reason());
			return this.transactions.execute((status) -> deliver(mail, sender,
					bounded(text + "\n\n[" + first.filename() + " was not kept: " + ex.reason() + "]"), null));
		}
	}

	private Outcome deliver(InboundMail mail, Optional<AccountView> sender, String text,
			Tickets.@Nullable Attachment attachment) {
		Optional<Ticket> ticket = mail.ticket(this.replyAddress).flatMap(this.tickets::find).or(() -> byThread(mail));
		// a ticket merged into another goes on there
		while (ticket.isPresent() && ticket.get().mergedInto() != null) {
			ticket = this.tickets.find(ticket.get().mergedInto());
		}
		Instant now = this.clock.instant();
		if (ticket.isPresent() && ticket.get().email().equalsIgnoreCase(mail.from())
				&& (ticket.get().status().active() || ticket.get().reopenable(now))) {
			this.tickets.customerWrote(ticket.get(), text, "EMAIL", mail.messageId(), attachment);
			return Outcome.ADDED;
		}
		if (sender.isEmpty()) {
			log.info("Mail {} from an address without an account: not a ticket", mail.messageId());
			return Outcome.UNKNOWN_SENDER;
		}
		// a new ticket: none named, or the one named is closed for good
		Caller caller = this.callers.of((java.security.Principal) () -> sender.get().email().value());
		String subject = mail.subject().strip();
		if (subject.length() < 3) {
			subject = "(no subject)";
		}
		Ticket opened = this.tickets.open(caller,
				new Tickets.NewTicket((subject.length() > 200) ? subject.substring(0, 200) : subject, text,
						TicketCategory.OTHER, null, null, null, null, attachment),
				"EMAIL");
		this.jdbc.sql("update ticket_message set mail_id = ? where ticket = ?")
			.params(mail.messageId(), opened.id())
			.update();
		return Outcome.OPENED;
	}

	private Optional<AccountView> sender(InboundMail mail) {
		if (mail.from() == null) {
			return Optional.empty();
		}
		try {
			return this.accounts.findByEmail(EmailAddress.of(mail.from()));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static String text(InboundMail mail) {
		String text = mail.reply().strip();
		if (text.isEmpty()) {
			text = mail.attachments().isEmpty() ? "(no text)" : "(an attachment, no text)";
		}
		return bounded(text);
	}

	/**
	 * A mail's text within a message's length: the rest of a very long mail is cut, with
	 * a note saying so, rather than the whole mail refused (it cannot be sent again).
	 */
	static String bounded(String text) {
		String marker = "\n\n[Cut here: the mail was longer than " + Tickets.LONGEST_MESSAGE + " characters.]";
		return (text.length() <= Tickets.LONGEST_MESSAGE) ? text
				: text.substring(0, Tickets.LONGEST_MESSAGE - marker.length()) + marker;
	}

	/**
	 * The ticket whose answer the mail replies to, by the Message-IDs it names.
	 */
	private Optional<Ticket> byThread(InboundMail mail) {
		List<String> ids = new ArrayList<>(mail.references());
		if (mail.inReplyTo() != null) {
			ids.add(mail.inReplyTo());
		}
		for (String id : ids) {
			Matcher ours = OUR_MESSAGE.matcher(id.toLowerCase(Locale.ROOT));
			if (ours.matches()) {
				Optional<UUID> ticket = this.jdbc.sql("select ticket from ticket_message where id = ?")
					.param(UUID.fromString(ours.group(1)))
					.query(UUID.class)
					.optional();
				if (ticket.isPresent()) {
					return this.tickets.find(ticket.get());
				}
			}
		}
		return Optional.empty();
	}

}
