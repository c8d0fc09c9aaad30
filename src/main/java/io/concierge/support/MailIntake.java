package io.concierge.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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

	MailIntake(Tickets tickets, ReplyAddress replyAddress, Accounts accounts, JdbcClient jdbc) {
		this.tickets = tickets;
		this.replyAddress = replyAddress;
		this.accounts = accounts;
		this.jdbc = jdbc;
	}

	public enum Outcome {

		ADDED, OPENED, DUPLICATE, AUTOMATIC, OURS, UNKNOWN_SENDER, REFUSED

	}

	/**
	 * A mail as it came, from the IMAP inbox or an inbound-mail webhook.
	 */
	@Transactional
	public Outcome receive(jakarta.mail.internet.MimeMessage message) throws jakarta.mail.MessagingException {
		return receive(InboundMail.of(message));
	}

	@Transactional
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
		if (mail.from() == null) {
			return Outcome.UNKNOWN_SENDER;
		}
		Optional<Ticket> ticket = mail.ticket(this.replyAddress).flatMap(this.tickets::find).or(() -> byThread(mail));
		Tickets.Attachment attachment = mail.attachments().isEmpty() ? null : new Tickets.Attachment(
				mail.attachments().getFirst().filename(), mail.attachments().getFirst().content());
		try {
			if (ticket.isPresent() && ticket.get().email().equalsIgnoreCase(mail.from())) {
				this.tickets.customerWrote(ticket.get(), Tickets.body(mail.reply()), "EMAIL", mail.messageId(),
						attachment);
				return Outcome.ADDED;
			}
			Optional<AccountView> customer = this.accounts.findByEmail(EmailAddress.of(mail.from()));
			if (customer.isEmpty()) {
				log.info("Mail {} from an address without an account: not a ticket", mail.messageId());
				return Outcome.UNKNOWN_SENDER;
			}
			AccountView account = customer.get();
			Caller caller = new Caller(account.id(), null, account.role(), java.util.Set.of());
			String subject = mail.subject().isBlank() ? "(no subject)" : mail.subject();
			Ticket opened = this.tickets.open(caller,
					new Tickets.NewTicket((subject.length() > 200) ? subject.substring(0, 200) : subject, mail.reply(),
							TicketCategory.OTHER, null, null, null, null, attachment),
					"EMAIL");
			this.jdbc.sql("update ticket_message set mail_id = ? where ticket = ?")
				.params(mail.messageId(), opened.id())
				.update();
			return Outcome.OPENED;
		}
		catch (InvalidTicket | io.concierge.documents.DocumentRefused ex) {
			log.info("Mail {} refused: {}", mail.messageId(), ex.getMessage());
			return Outcome.REFUSED;
		}
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
