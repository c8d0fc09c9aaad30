package io.concierge.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import io.concierge.shared.StorableText;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import org.jspecify.annotations.Nullable;

/**
 * A mail that came into the support mailbox, read once from its MIME form into what a
 * ticket needs.
 * <p>
 * The {@link #body} is plain text: the {@code text/plain} parts when there are any,
 * otherwise the {@code text/html} parts turned crudely into text (tags, scripts and
 * styles dropped, basic entities decoded, blockquotes marked {@code >}). It is text,
 * never markup, and is escaped like any text where it is shown. A body longer than
 * {@value #MAX_BODY} characters is cut there and ends with {@link #CUT_MARKER}, so a huge
 * thread cannot blow up storage.
 *
 * @param from the sender's address, null when the mail names none that can be read
 * @param recipients every address the mail went to, for finding the ticket's reply
 * address: {@code To}, {@code Cc}, {@code Delivered-To} and {@code X-Original-To}
 * @param subject the decoded subject, empty when there is none
 * @param messageId the {@code Message-ID}, angle brackets included
 * @param inReplyTo the first message id in {@code In-Reply-To}
 * @param references the message ids in {@code References}, oldest first
 * @param body the plain text, bounded as above
 * @param attachments every part that is not body text, inline images included
 * @param automatic whether it came from a machine and must not be answered: an
 * auto-reply, a bounce, a mailing list or bulk mail (see {@link #of})
 * @param ours whether it carries {@value #LOOP_HEADER}, which Concierge sets on the
 * support mail it sends: a mail of our own that came back (through a forward, a Cc to the
 * support mailbox, or a misconfigured relay) must neither become a ticket message nor be
 * answered, or two mailboxes answer each other for ever. Only the mail's own header
 * counts, not one quoted in a bounce's attachment (a bounce is {@link #automatic}
 * anyway).
 */
record InboundMail(@Nullable String from, List<String> recipients, String subject, @Nullable String messageId,
		@Nullable String inReplyTo, List<String> references, String body, List<Attachment> attachments,
		boolean automatic, boolean ours) {

	/**
	 * The header Concierge's outgoing support mail carries, with the support mailbox as
	 * its value.
	 */
	static final String LOOP_HEADER = "X-Concierge-Loop";

	static final int MAX_BODY = 100_000;

	/** RFC 5322's limit for a line, and so for a message id. */
	static final int LONGEST_MESSAGE_ID = 998;

	static final String CUT_MARKER = "\n\n[Concierge cut this message here: it was longer than 100,000 characters.]";

	private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");

	private static final Pattern LOOSE_ADDRESS = Pattern.compile("[^\\s<>,;:\"()\\[\\]]+@[^\\s<>,;:\"()\\[\\]]+");

	private static final Pattern AUTOMATIC_SUBJECT = Pattern.compile(
			"^(auto:|automatic reply|out of office|abwesenheitsnotiz|automatische antwort)",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	private static final Pattern BULK_PRECEDENCE = Pattern.compile("bulk|junk|list|auto_reply",
			Pattern.CASE_INSENSITIVE);

	InboundMail {
		recipients = List.copyOf(recipients);
		references = List.copyOf(references);
		attachments = List.copyOf(attachments);
	}

	/**
	 * Reads a mail. It counts as {@link #automatic} when any of these holds:
	 * {@code Auto-Submitted} other than {@code no}; {@code X-Autoreply},
	 * {@code X-Autorespond} or {@code X-Auto-Response-Suppress} present;
	 * {@code Precedence} bulk, junk, list or auto_reply; {@code List-Id} or
	 * {@code List-Unsubscribe} present; an empty {@code Return-Path <>}; a sender
	 * {@code mailer-daemon@} or {@code postmaster@}; a {@code multipart/report}; a
	 * subject beginning "Auto:", "Automatic reply", "Out of Office", "Abwesenheitsnotiz"
	 * or "Automatische Antwort".
	 * @throws MessagingException when the mail cannot be read at all
	 */
	static InboundMail of(MimeMessage message) throws MessagingException {
		String from = from(message);
		String subject = StorableText.printable(Optional.ofNullable(message.getSubject()).orElse("").strip());
		List<String> references = messageIds(header(message, "References"));
		String inReplyTo = messageIds(header(message, "In-Reply-To")).stream().findFirst().orElse(null);
		String messageId = messageIds(header(message, "Message-ID")).stream().findFirst().orElse(null);
		Content content = new Content();
		try {
			content.read(message, true);
		}
		catch (IOException ex) {
			throw new MessagingException("Could not read the mail's content", ex);
		}
		return new InboundMail(from, recipients(message), subject, messageId, inReplyTo, references, content.body(),
				content.attachments, automatic(message, from, subject), header(message, LOOP_HEADER) != null);
	}

	/**
	 * The ticket the mail answers, from the first recipient that is a ticket's signed
	 * reply address.
	 */
	Optional<String> ticket(ReplyAddress replyAddress) {
		return this.recipients.stream().map(replyAddress::ticketOf).flatMap(Optional::stream).findFirst();
	}

	/**
	 * The new text only, without the quoted history and the signature (see
	 * {@link Replies}); the whole body when nothing would be left.
	 */
	String reply() {
		return Replies.newText(this.body);
	}

	private static @Nullable String from(MimeMessage message) throws MessagingException {
		List<String> from = addresses(header(message, "From"));
		return from.isEmpty() ? null : from.getFirst();
	}

	private static List<String> recipients(MimeMessage message) throws MessagingException {
		Set<String> recipients = new LinkedHashSet<>();
		for (String name : List.of("To", "Cc", "Delivered-To", "X-Original-To")) {
			String[] values = message.getHeader(name);
			for (String value : (values != null) ? values : new String[0]) {
				recipients.addAll(addresses(MimeUtility.unfold(value)));
			}
		}
		return List.copyOf(recipients);
	}

	private static List<String> addresses(@Nullable String header) {
		if (header == null || header.isBlank()) {
			return List.of();
		}
		try {
			return List.of(InternetAddress.parseHeader(header, false))
				.stream()
				.map(InternetAddress::getAddress)
				.filter((address) -> address != null && address.contains("@"))
				.toList();
		}
		catch (AddressException ex) {
			return LOOSE_ADDRESS.matcher(header).results().map(MatchResult::group).toList();
		}
	}

	/**
	 * The message ids of a header; one that is longer than a mail's line may be
	 * ({@value #LONGEST_MESSAGE_ID} characters) or holds what PostgreSQL cannot store is
	 * no id Concierge wrote, and is left out rather than break the lookup.
	 */
	private static List<String> messageIds(@Nullable String header) {
		return (header != null) ? MESSAGE_ID.matcher(header)
			.results()
			.map(MatchResult::group)
			.filter((id) -> id.length() <= LONGEST_MESSAGE_ID && StorableText.problem(id) == null)
			.toList() : List.of();
	}

	private static @Nullable String header(MimeMessage message, String name) throws MessagingException {
		String value = message.getHeader(name, ",");
		return (value != null) ? MimeUtility.unfold(value).strip() : null;
	}

	private static boolean automatic(MimeMessage message, @Nullable String from, String subject)
			throws MessagingException {
		String autoSubmitted = header(message, "Auto-Submitted");
		String precedence = header(message, "Precedence");
		String returnPath = header(message, "Return-Path");
		String sender = (from != null) ? from.toLowerCase(Locale.ROOT) : "";
		return (autoSubmitted != null && !beforeParameters(autoSubmitted).equalsIgnoreCase("no"))
				|| header(message, "X-Autoreply") != null || header(message, "X-Autorespond") != null
				|| header(message, "X-Auto-Response-Suppress") != null
				|| (precedence != null && BULK_PRECEDENCE.matcher(precedence).matches())
				|| header(message, "List-Id") != null || header(message, "List-Unsubscribe") != null
				|| (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>"))
				|| sender.startsWith("mailer-daemon@") || sender.startsWith("postmaster@")
				|| message.isMimeType("multipart/report") || AUTOMATIC_SUBJECT.matcher(subject).find();
	}

	/**
	 * A header's value without its parameters: {@code no} of {@code no; reason=x}; empty
	 * for {@code ;} alone.
	 */
	private static String beforeParameters(String value) {
		int semicolon = value.indexOf(';');
		return ((semicolon >= 0) ? value.substring(0, semicolon) : value).strip();
	}

	/**
	 * A part of the mail that is not its text.
	 *
	 * @param filename the decoded file name, or a made-up one when the part has none
	 * @param contentType the media type without parameters, such as
	 * {@code application/pdf}
	 * @param content the decoded bytes
	 */
	record Attachment(String filename, String contentType, byte[] content) {

	}

	/**
	 * Walks the MIME tree once: body text from the parts meant to be read, everything
	 * else an attachment. Of the alternatives of a {@code multipart/alternative} only the
	 * plain text one is read for text (the HTML one when there is no plain one), but
	 * attachments come from all of them, so that an image inside the HTML alternative is
	 * not lost.
	 */
	private static final class Content {

		private final StringBuilder plain = new StringBuilder();

		private final StringBuilder html = new StringBuilder();

		private final List<Attachment> attachments = new ArrayList<>();

		void read(Part part, boolean text) throws MessagingException, IOException {
			if (part.isMimeType("multipart/alternative") && part.getContent() instanceof Multipart alternatives) {
				int preferred = preferred(alternatives);
				for (int i = 0; i < alternatives.getCount(); i++) {
					read(alternatives.getBodyPart(i), text && i == preferred);
				}
			}
			else if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart parts) {
				for (int i = 0; i < parts.getCount(); i++) {
					read(parts.getBodyPart(i), text);
				}
			}
			else if (isText(part)) {
				if (text) {
					boolean plainText = part.isMimeType("text/plain");
					StringBuilder into = plainText ? this.plain : this.html;
					// HTML is mostly markup, so only its text is bounded, in body()
					if (!plainText || into.length() <= MAX_BODY) {
						into.append(into.isEmpty() ? "" : "\n").append(text(part));
					}
				}
			}
			else {
				this.attachments.add(attachment(part));
			}
		}

		String body() {
			// A little more than the bound, so that what HtmlText strips from the end
			// cannot bring a cut body under it
			String body = this.plain.isEmpty() ? HtmlText.of(this.html.toString(), MAX_BODY + 16)
					: this.plain.toString().replace("\r\n", "\n");
			return StorableText.printable(bounded(body));
		}

		private static int preferred(Multipart alternatives) throws MessagingException {
			int html = -1;
			for (int i = 0; i < alternatives.getCount(); i++) {
				BodyPart alternative = alternatives.getBodyPart(i);
				if (alternative.isMimeType("text/plain")) {
					return i;
				}
				if (html < 0 && (alternative.isMimeType("text/html") || alternative.isMimeType("multipart/*"))) {
					html = i;
				}
			}
			return (html >= 0) ? html : alternatives.getCount() - 1;
		}

		private static boolean isText(Part part) throws MessagingException {
			return (part.isMimeType("text/plain") || part.isMimeType("text/html"))
					&& !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) && part.getFileName() == null;
		}

		private static String text(Part part) throws MessagingException, IOException {
			try {
				Object content = part.getContent();
				if (content instanceof String text) {
					return text;
				}
			}
			catch (UnsupportedEncodingException | RuntimeException ex) {
				// An unknown charset, or a Content-Type Angus cannot take its charset
				// from
				// (it throws NullPointerException then, found by fuzzing): read it as
				// UTF-8
				// below rather than lose the text
			}
			try (InputStream in = part.getInputStream()) {
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
		}

		private Attachment attachment(Part part) throws MessagingException, IOException {
			String contentType = contentType(part);
			byte[] bytes;
			try (InputStream in = part.getInputStream()) {
				bytes = in.readAllBytes();
			}
			return new Attachment(filename(part, contentType), contentType, bytes);
		}

		private String filename(Part part, String contentType) throws MessagingException {
			String filename = null;
			try {
				filename = part.getFileName();
			}
			catch (ParseException ex) {
				// A malformed Content-Disposition: name the attachment below
			}
			if (filename != null && !filename.isBlank()) {
				try {
					return MimeUtility.decodeText(filename).strip();
				}
				catch (UnsupportedEncodingException ex) {
					return filename.strip();
				}
			}
			String extension = contentType.equals("message/rfc822") ? ".eml" : "";
			return "attachment-" + (this.attachments.size() + 1) + extension;
		}

		private static String contentType(Part part) throws MessagingException {
			try {
				return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
			}
			catch (ParseException | RuntimeException ex) {
				return "application/octet-stream";
			}
		}

		private static String bounded(String body) {
			if (body.length() <= MAX_BODY) {
				return body;
			}
			int end = Character.isHighSurrogate(body.charAt(MAX_BODY - 1)) ? MAX_BODY - 1 : MAX_BODY;
			return body.substring(0, end) + CUT_MARKER;
		}

	}

}
