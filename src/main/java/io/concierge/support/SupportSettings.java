package io.concierge.support;

import java.time.Duration;
import java.time.ZoneId;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How support runs.
 *
 * @param zone where its business hours are kept
 * @param opens when the working day starts, Monday to Friday
 * @param closes when it ends
 * @param mailbox the address customers write to; replies go to its plus-addresses
 * @param replySecret signs the reply addresses; when not set, Concierge makes one at its
 * first start and keeps it sealed in the database
 * ({@link io.concierge.shared.GeneratedSecrets})
 * @param slaCheck how often breached service levels are looked for
 * @param imap the mailbox polled for customers' mail, when set
 */
@ConfigurationProperties("concierge.support")
public record SupportSettings(@DefaultValue("Europe/Berlin") ZoneId zone,
		@DefaultValue("09:00") java.time.LocalTime opens, @DefaultValue("17:00") java.time.LocalTime closes,
		@DefaultValue("support@concierge.example") String mailbox, @Nullable String replySecret,
		@DefaultValue("PT1M") Duration slaCheck, @Nullable Imap imap) {

	/**
	 * @param pollInterval how often the inbox is read
	 */
	public record Imap(String host, @DefaultValue("993") int port, String username, String password,
			@DefaultValue("true") boolean ssl, @DefaultValue("INBOX") String folder,
			@DefaultValue("PT1M") Duration pollInterval) {

		@Override
		public String toString() {
			return "Imap[host=" + this.host + ", port=" + this.port + ", username=" + this.username + "]";
		}

	}

	@Override
	public String toString() {
		return "SupportSettings[zone=" + this.zone + ", mailbox=" + this.mailbox + ", imap=" + this.imap + "]";
	}

}
