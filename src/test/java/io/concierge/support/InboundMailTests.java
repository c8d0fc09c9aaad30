package io.concierge.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading mails that come into the support mailbox: their headers, their text and what of
 * it is new, their attachments, and whether a machine sent them.
 */
class InboundMailTests {

	private static final Session SESSION = Session.getInstance(new Properties());

	@Test
	void readsTheAddressesAndTheThread() throws Exception {
		ReplyAddress replyAddress = new ReplyAddress("a secret of more than sixteen bytes",
				"support@concierge.example");
		String ticketAddress = replyAddress.forTicket("T-100042");
		InboundMail mail = InboundMail.of(parse("""
				From: "Keller, Jana" <jana@example.com>
				To: Concierge Support <%s>
				Cc: office@example.com, "Max" <max@example.com>
				Delivered-To: support@concierge.example
				Subject: =?UTF-8?Q?Re:_Ihre_Bestellung_f=C3=BCr_M=C3=BCnchen?=
				Message-ID: <reply-1@mail.example.com>
				In-Reply-To: <ticket-T-100042-2@concierge.example>
				References: <ticket-T-100042-1@concierge.example>
				 <ticket-T-100042-2@concierge.example>
				Content-Type: text/plain; charset=UTF-8

				Thanks!
				""".formatted(ticketAddress)));

		assertThat(mail.from()).isEqualTo("jana@example.com");
		assertThat(mail.recipients()).containsExactly(ticketAddress, "office@example.com", "max@example.com",
				"support@concierge.example");
		assertThat(mail.subject()).isEqualTo("Re: Ihre Bestellung für München");
		assertThat(mail.messageId()).isEqualTo("<reply-1@mail.example.com>");
		assertThat(mail.inReplyTo()).isEqualTo("<ticket-T-100042-2@concierge.example>");
		assertThat(mail.references()).containsExactly("<ticket-T-100042-1@concierge.example>",
				"<ticket-T-100042-2@concierge.example>");
		assertThat(mail.ticket(replyAddress)).contains("T-100042");
		assertThat(mail.body()).isEqualTo("Thanks!\n");
		assertThat(mail.attachments()).isEmpty();
		assertThat(mail.automatic()).isFalse();
		assertThat(mail.ours()).isFalse();
	}

	@Test
	void readsTheReplyAboveAGmailQuoteWrappedOverTwoLines() throws Exception {
		InboundMail mail = plain("""
				Thanks, the parcel arrived today.

				One of the mugs is broken though.

				On Tue, 3 Mar 2026 at 10:15, Concierge Support <
				support+T-100042.abcdefghij@concierge.example> wrote:

				> Your parcel is on its way.
				>
				> Kind regards
				""");

		assertThat(mail.reply()).isEqualTo("Thanks, the parcel arrived today.\n\nOne of the mugs is broken though.");
	}

	@Test
	void readsTheReplyAboveAnAttributionOnOneLine() throws Exception {
		assertThat(
				plain("Yes.\nOn 3 Mar 2026, at 10:15, Support <support@concierge.example> wrote:\nOld text\n").reply())
			.isEqualTo("Yes.");
		assertThat(plain("Ja.\n\nAm Di., 3. März 2026 um 10:15 Uhr schrieb Concierge Support <\n"
				+ "support@concierge.example>:\nAlter Text\n")
			.reply()).isEqualTo("Ja.");
		assertThat(plain("Ja.\n\nAm 03.03.2026 um 10:15 schrieb Concierge Support:\nAlter Text\n").reply())
			.isEqualTo("Ja.");
	}

	@Test
	void readsTheReplyAboveAGermanOutlookHeaderBlock() throws Exception {
		InboundMail mail = plain("""
				Hallo,

				die Rechnung fehlt noch.

				Viele Grüße
				Jana Keller

				________________________________
				Von: Concierge Support <support@concierge.example>
				Gesendet: Dienstag, 3. März 2026 10:15
				An: Jana Keller <jana@example.com>
				Betreff: Ihre Bestellung

				Sehr geehrte Frau Keller,
				""");

		assertThat(mail.reply()).isEqualTo("Hallo,\n\ndie Rechnung fehlt noch.\n\nViele Grüße\nJana Keller");
	}

	@Test
	void readsTheReplyAboveAnOriginalMessageLine() throws Exception {
		assertThat(plain("Bitte stornieren.\n\n-----Ursprüngliche Nachricht-----\nVon: Support\nAlter Text\n").reply())
			.isEqualTo("Bitte stornieren.");
		assertThat(plain("Please cancel.\n-----Original Message-----\nFrom: Support\nOld text\n").reply())
			.isEqualTo("Please cancel.");
		assertThat(plain("Please cancel.\n\nFrom: Support <support@concierge.example>\nSent: Tuesday, March 3\n"
				+ "To: Jana\nOld text\n")
			.reply()).isEqualTo("Please cancel.");
	}

	@Test
	void dropsTheSignature() throws Exception {
		assertThat(plain("Please call me back.\n\n-- \nJana Keller\nExample GmbH\n").reply())
			.isEqualTo("Please call me back.");
		assertThat(plain("Please call me back.\n--\nJana Keller\n").reply()).isEqualTo("Please call me back.");
		assertThat(plain("Please call me back.\n-- Jana\n").reply())
			.as("only a line of just the delimiter starts a signature")
			.isEqualTo("Please call me back.\n-- Jana");
	}

	@Test
	void dropsTheMobileFooter() throws Exception {
		assertThat(plain("""
				Yes, please.

				Sent from my iPhone

				> On 3 Mar 2026, at 10:15, Concierge Support <support@concierge.example> wrote:
				>
				> Shall we send a new one?
				""").reply()).isEqualTo("Yes, please.");
		assertThat(plain("Ja, bitte.\n\nVon meinem iPhone gesendet\n").reply()).isEqualTo("Ja, bitte.");
		assertThat(plain("Ja, bitte.\n\nGesendet von meinem iPhone\n").reply()).isEqualTo("Ja, bitte.");
		assertThat(plain("It was sent from the warehouse in Hamburg.\n").reply())
			.isEqualTo("It was sent from the warehouse in Hamburg.");
	}

	@Test
	void keepsAnswersWrittenBetweenQuotes() throws Exception {
		assertThat(plain("> Which size?\nL, please.\n> Which colour?\nBlue.\n").reply()).isEqualTo("L, please.\nBlue.");
	}

	@Test
	void keepsTheWholeBodyWhenNothingNewWouldBeLeft() throws Exception {
		assertThat(plain("\n> Only a quote\n> of two lines\n").reply()).isEqualTo("> Only a quote\n> of two lines");
	}

	@Test
	void makesTextOfAnHtmlOnlyMail() throws Exception {
		InboundMail mail = InboundMail.of(parse("""
				From: jana@example.com
				Subject: Broken mug
				Content-Type: text/html; charset=UTF-8

				<html><head><title>Mail</title><style>p { color: red }</style></head>
				<body><p>Hello&nbsp;there &amp; thanks &#8211; &lt;3</p>
				<div>Line two<br>Line three</div>
				<script type="text/javascript">alert("<b>x</b>")</script>
				<p onclick='a > b'>Gr&uuml;&szlig;e <b>Jana</b></p>
				<div>On 3 Mar 2026, at 10:15, Support wrote:</div>
				<blockquote type="cite"><p>Old text</p></blockquote>
				</body></html>
				"""));

		assertThat(mail.body()).startsWith("Hello there & thanks – <3\n\nLine two\nLine three\n")
			.contains("\n> Old text")
			.doesNotContain("<script", "<b>", "</", "alert", "color", "Mail", "onclick");
		assertThat(mail.reply()).startsWith("Hello there").doesNotContain("Old text");
	}

	@Test
	void prefersThePlainTextAlternative() throws Exception {
		MimeMessage message = new MimeMessage(SESSION);
		MimeMultipart alternatives = new MimeMultipart("alternative");
		alternatives.addBodyPart(textPart("Plain text", "plain"));
		alternatives.addBodyPart(textPart("<p>HTML text</p>", "html"));
		message.setContent(alternatives);

		assertThat(InboundMail.of(roundTrip(message)).body()).isEqualTo("Plain text");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Auto-Submitted: auto-replied", "Auto-Submitted: auto-generated; owner-email=x@y.z",
			"X-Autoreply: yes", "X-Autorespond: yes", "X-Auto-Response-Suppress: All", "Precedence: bulk",
			"Precedence: junk", "Precedence: list", "Precedence: auto_reply", "Precedence: Bulk",
			"List-Id: Newsletter <news.example.com>", "List-Unsubscribe: <mailto:leave@example.com>", "Return-Path: <>",
			"From: MAILER-DAEMON@mx.example.com", "From: postmaster@example.com", "Subject: Auto: Ihre Bestellung",
			"Subject: Automatic reply: Your order", "Subject: Out of Office: back soon",
			"Subject: Abwesenheitsnotiz: Ihre Bestellung", "Subject: Automatische Antwort: Ihre Bestellung" })
	void recognisesMailAMachineSent(String header) throws Exception {
		assertThat(InboundMail.of(parse(mailWith(header))).automatic()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Auto-Submitted: no", "Precedence: first-class", "Return-Path: <jana@example.com>",
			"Subject: Re: Out of stock?", "From: jana.postmaster@example.com", "X-Mailer: Apple Mail" })
	void answersMailAPersonSent(String header) throws Exception {
		InboundMail mail = InboundMail.of(parse(mailWith(header)));

		assertThat(mail.automatic()).isFalse();
		assertThat(mail.ours()).isFalse();
	}

	@Test
	void recognisesABounceReport() throws Exception {
		InboundMail mail = InboundMail.of(parse("""
				From: Mail Delivery System <bounces@mx.example.com>
				Subject: Undelivered Mail Returned to Sender
				Content-Type: multipart/report; report-type=delivery-status; boundary="b"

				--b
				Content-Type: text/plain

				The mail could not be delivered.
				--b
				Content-Type: message/delivery-status

				Final-Recipient: rfc822; nobody@example.com
				Action: failed
				--b--
				"""));

		assertThat(mail.automatic()).isTrue();
		assertThat(mail.body()).contains("could not be delivered");
	}

	@Test
	void recognisesItsOwnMail() throws Exception {
		InboundMail mail = InboundMail.of(parse(mailWith(InboundMail.LOOP_HEADER + ": support@concierge.example")));

		assertThat(mail.ours()).isTrue();
	}

	@Test
	void readsTheAttachments() throws Exception {
		byte[] pdf = "%PDF-1.7 a receipt".getBytes(StandardCharsets.US_ASCII);
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff };
		MimeMessage message = new MimeMessage(SESSION);
		message.setFrom("jana@example.com");
		MimeMultipart mixed = new MimeMultipart("mixed");
		mixed.addBodyPart(textPart("The receipt and a photo.", "plain"));
		MimeBodyPart receipt = new MimeBodyPart();
		receipt.setDataHandler(new DataHandler(new ByteArrayDataSource(pdf, "application/pdf")));
		receipt.setFileName("Beleg März.pdf");
		receipt.setDisposition(Part.ATTACHMENT);
		mixed.addBodyPart(receipt);
		MimeBodyPart photo = new MimeBodyPart();
		photo.setDataHandler(new DataHandler(new ByteArrayDataSource(png, "image/png")));
		photo.setDisposition(Part.INLINE);
		mixed.addBodyPart(photo);
		MimeBodyPart notes = new MimeBodyPart();
		notes.setText("a text file", "UTF-8");
		notes.setFileName("notes.txt");
		mixed.addBodyPart(notes);
		message.setContent(mixed);

		InboundMail mail = InboundMail.of(roundTrip(message));

		assertThat(mail.body()).isEqualTo("The receipt and a photo.");
		assertThat(mail.attachments()).extracting(InboundMail.Attachment::filename)
			.containsExactly("Beleg März.pdf", "attachment-2", "notes.txt");
		assertThat(mail.attachments()).extracting(InboundMail.Attachment::contentType)
			.containsExactly("application/pdf", "image/png", "text/plain");
		assertThat(mail.attachments().get(0).content()).isEqualTo(pdf);
		assertThat(mail.attachments().get(1).content()).isEqualTo(png);
		assertThat(mail.attachments().get(2).content()).asString(StandardCharsets.UTF_8).isEqualTo("a text file");
	}

	@Test
	void cutsAHugeBody() throws Exception {
		InboundMail mail = plain("x".repeat(150_000));

		assertThat(mail.body()).hasSize(InboundMail.MAX_BODY + InboundMail.CUT_MARKER.length())
			.startsWith("xxx")
			.endsWith(InboundMail.CUT_MARKER);
		assertThat(plain("y".repeat(InboundMail.MAX_BODY)).body()).hasSize(InboundMail.MAX_BODY);
	}

	@Test
	void cutsAHugeHtmlBody() throws Exception {
		InboundMail mail = InboundMail.of(parse("Content-Type: text/html\n\n" + "<p>word</p>".repeat(50_000)));

		assertThat(mail.body()).hasSize(InboundMail.MAX_BODY + InboundMail.CUT_MARKER.length())
			.endsWith(InboundMail.CUT_MARKER);
	}

	@Test
	@Timeout(10)
	void makesTextOfBrokenHtmlInOnePass() throws Exception {
		assertThat(html("&".repeat(300_000)).body()).startsWith("&&&").endsWith(InboundMail.CUT_MARKER);
		assertThat(html("a < ".repeat(300_000)).body()).startsWith("a < a <");
		assertThat(html("text<b".repeat(300_000)).body()).isEqualTo("text");
		assertThat(html("text<script>" + "<a".repeat(300_000)).body()).isEqualTo("text");
		assertThat(html("text<!--" + "<a>".repeat(300_000)).body()).isEqualTo("text");
	}

	@Test
	void readsTextInAnUnknownCharsetAsUtf8() throws Exception {
		InboundMail mail = InboundMail.of(parse("Content-Type: text/plain; charset=x-nonsense\n\nGrüße\n"));

		assertThat(mail.body()).isEqualTo("Grüße\n");
	}

	private static InboundMail plain(String body) throws Exception {
		MimeMessage message = new MimeMessage(SESSION);
		message.setFrom("jana@example.com");
		message.setSubject("Re: Your order", "UTF-8");
		message.setText(body, "UTF-8");
		return InboundMail.of(roundTrip(message));
	}

	private static InboundMail html(String html) throws Exception {
		MimeMessage message = new MimeMessage(SESSION);
		message.setText(html, "UTF-8", "html");
		return InboundMail.of(roundTrip(message));
	}

	private static String mailWith(String header) {
		String from = header.startsWith("From:") ? header : "From: Jana Keller <jana@example.com>";
		String subject = header.startsWith("Subject:") ? header : "Subject: Re: Your order";
		String other = (header.startsWith("From:") || header.startsWith("Subject:")) ? "" : header + "\n";
		return from + "\n" + subject + "\n" + other + "Content-Type: text/plain\n\nWhere is my parcel?\n";
	}

	private static MimeBodyPart textPart(String text, String subtype) throws Exception {
		MimeBodyPart part = new MimeBodyPart();
		part.setText(text, "UTF-8", subtype);
		return part;
	}

	private static MimeMessage roundTrip(MimeMessage message) throws Exception {
		message.saveChanges();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		message.writeTo(out);
		return new MimeMessage(SESSION, new ByteArrayInputStream(out.toByteArray()));
	}

	private static MimeMessage parse(String raw) throws Exception {
		byte[] bytes = raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
		return new MimeMessage(SESSION, new ByteArrayInputStream(bytes));
	}

}
