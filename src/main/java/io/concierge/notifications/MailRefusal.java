package io.concierge.notifications;

import java.util.ArrayList;
import java.util.List;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.jspecify.annotations.Nullable;

import org.springframework.mail.MailSendException;

/**
 * Tells a permanent refusal of a recipient (an SMTP 5xx reply to {@code RCPT TO}, such as
 * "550 no such user") from a failure worth trying again (a 4xx reply, a server that is
 * down).
 */
final class MailRefusal {

	private MailRefusal() {
	}

	/**
	 * @return the server's reply when it refused a recipient for good, otherwise
	 * {@code null}
	 */
	static @Nullable String permanent(Exception failure) {
		List<Throwable> seen = new ArrayList<>();
		List<Throwable> next = new ArrayList<>(List.of(failure));
		if (failure instanceof MailSendException send) {
			next.addAll(send.getFailedMessages().values());
		}
		while (!next.isEmpty()) {
			Throwable current = next.removeFirst();
			if (current == null || seen.contains(current)) {
				continue;
			}
			seen.add(current);
			if (current instanceof SMTPAddressFailedException refused && refused.getReturnCode() >= 500) {
				return refused.getReturnCode() + " " + refused.getAddress() + ": "
						+ String.valueOf(refused.getMessage()).strip();
			}
			if (current instanceof MessagingException messaging) {
				next.add(messaging.getNextException());
			}
			next.add(current.getCause());
		}
		return null;
	}

}
