package io.concierge.browser;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.concierge.notifications.MailMessage;
import io.concierge.notifications.MailOutbox;
import io.concierge.shared.EmailAddress;

import static org.awaitility.Awaitility.await;

/**
 * Reads what the portal mailed, from its outbox, the way a person opens their inbox.
 */
final class Mailbox {

	private static final Pattern LINK = Pattern.compile("https?://\\S+");

	private final MailOutbox outbox;

	Mailbox(MailOutbox outbox) {
		this.outbox = outbox;
	}

	/**
	 * The newest message to the address whose subject contains the words, waiting for it
	 * to arrive (mail is written after the sender's transaction commits).
	 */
	MailMessage latest(String address, String subjectWords) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> this.outbox.sentTo(EmailAddress.of(address))
				.stream()
				.filter((message) -> message.getSubject().contains(subjectWords))
				.findFirst(), java.util.Optional::isPresent)
			.orElseThrow();
	}

	List<MailMessage> all(String address) {
		return this.outbox.sentTo(EmailAddress.of(address));
	}

	static String link(MailMessage message) {
		Matcher link = LINK.matcher(message.getBody());
		if (!link.find()) {
			throw new AssertionError("No link in: " + message.getBody());
		}
		return link.group();
	}

}
