package io.concierge.support;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

import io.concierge.shared.StorableText;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever arrives in the support mailbox, reading it gives what a ticket can store, or a
 * {@link MessagingException} for a mail that cannot be read at all: never another
 * exception, which would stop the mailbox at that mail on every poll. The text a mail
 * brings is shown on pages: HTML mail becomes plain text, and articles' Markdown becomes
 * only the markup commonmark writes. Runs the committed inputs beside this class as
 * regression tests; {@code JAZZER_FUZZ=1 ./mvnw test
 * -Dtest='InboundMailFuzzTests#inboundMails'} fuzzes one for real.
 */
class InboundMailFuzzTests {

	private static final Session SESSION = Session.getInstance(new Properties());

	private static final ReplyAddress REPLY_ADDRESS = new ReplyAddress("a secret of more than sixteen bytes",
			"support@concierge.example");

	/** What commonmark writes; anything else in its HTML came from the Markdown. */
	private static final Set<String> MARKDOWN_TAGS = Set.of("p", "em", "strong", "code", "pre", "a", "img", "h1", "h2",
			"h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "hr", "br");

	private static final Pattern TAG = Pattern.compile("<(/?)([^\\s>/]*)([^>]*)>");

	private static final Pattern URL = Pattern.compile("(?:href|src)=\"([^\"]*)\"");

	@FuzzTest(maxDuration = "30s")
	void inboundMails(byte[] raw) {
		InboundMail mail;
		try {
			mail = InboundMail.of(new MimeMessage(SESSION, new ByteArrayInputStream(raw)));
		}
		catch (MessagingException expected) {
			// a mail that cannot be read at all
			return;
		}
		assertThat(StorableText.problem(mail.subject())).isNull();
		assertThat(StorableText.problem(mail.body())).isNull();
		assertThat(mail.body().length()).isLessThanOrEqualTo(InboundMail.MAX_BODY + InboundMail.CUT_MARKER.length());
		messageId(mail.messageId());
		messageId(mail.inReplyTo());
		mail.references().forEach(InboundMailFuzzTests::messageId);
		for (InboundMail.Attachment attachment : mail.attachments()) {
			assertThat(attachment.filename()).isNotBlank();
			assertThat(attachment.contentType()).isNotBlank();
		}
		Optional<String> ticket = mail.ticket(REPLY_ADDRESS);
		ticket.ifPresent(
				(number) -> assertThat(REPLY_ADDRESS.ticketOf(REPLY_ADDRESS.forTicket(number))).contains(number));
		String text = MailIntake.bounded(mail.reply());
		assertThat(StorableText.problem(text)).isNull();
		assertThat(text.length()).isLessThanOrEqualTo(Tickets.LONGEST_MESSAGE);
	}

	@FuzzTest(maxDuration = "30s")
	void htmlMails(byte[] raw) {
		String html = new String(raw, StandardCharsets.UTF_8);
		String text = HtmlText.of(html, 1_000);
		// the limit, and what a line's quote marks add to it
		assertThat(text.length()).isLessThanOrEqualTo(1_000 + html.length());
	}

	@FuzzTest(maxDuration = "30s")
	void articleMarkdown(byte[] raw) {
		String markdown = new String(raw, StandardCharsets.UTF_8);
		String html = Markdown.html(markdown);
		Matcher tag = TAG.matcher(html);
		while (tag.find()) {
			assertThat(tag.group(2)).as("a tag in %s", tag.group()).isIn(MARKDOWN_TAGS);
			String attributes = tag.group(3).replaceAll("\"[^\"]*\"", "\"\"").toLowerCase(Locale.ROOT);
			assertThat(attributes).as("attributes of %s", tag.group())
				.doesNotContainPattern("\\son[a-z]+\\s*=")
				.doesNotContain("style=");
		}
		Matcher url = URL.matcher(html);
		while (url.find()) {
			assertThat(url.group(1).strip().toLowerCase(Locale.ROOT)).as("a link in %s", url.group())
				.doesNotStartWith("javascript:")
				.doesNotStartWith("vbscript:")
				.doesNotStartWith("data:")
				.doesNotStartWith("file:");
		}
		Markdown.text(markdown);
	}

	@FuzzTest(maxDuration = "30s")
	void replyAddresses(byte[] raw) {
		Optional<String> ticket = REPLY_ADDRESS.ticketOf(new String(raw, StandardCharsets.UTF_8));
		ticket.ifPresent((number) -> assertThat(REPLY_ADDRESS.ticketOf(REPLY_ADDRESS.forTicket(number)))
			.contains(number.toUpperCase(Locale.ROOT)));
	}

	/**
	 * A message id is looked up and stored in a unique column: text PostgreSQL takes,
	 * short enough for its index.
	 */
	private static void messageId(@Nullable String id) {
		if (id != null) {
			assertThat(StorableText.problem(id)).isNull();
			assertThat(id.length()).isLessThanOrEqualTo(998);
		}
	}

}
