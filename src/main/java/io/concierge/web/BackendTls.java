package io.concierge.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertyResolver;
import org.springframework.stereotype.Component;

/**
 * Checks at start that the connections to the backends leaving this machine are encrypted
 * and, where the setting says so, checked: PostgreSQL ({@code sslmode}), SMTP (STARTTLS
 * required, or SMTPS), the support mailbox's IMAP ({@code ssl}) and Kafka ({@code SSL} or
 * {@code SASL_SSL}). Each one that is not is logged as a warning, or, with
 * {@code concierge.backends.tls=require}, stops the start. The demo, and backends on this
 * machine ({@code localhost}), are not checked: their traffic never crosses a network.
 * clamd speaks no TLS at all: keep it on the machine or a private network.
 */
@Component
class BackendTls {

	private static final Logger log = LoggerFactory.getLogger(BackendTls.class);

	private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

	BackendTls(Environment environment) {
		String mode = environment.getProperty("concierge.backends.tls", "warn").strip().toLowerCase(Locale.ROOT);
		if (!Set.of("warn", "require").contains(mode)) {
			throw new IllegalStateException("concierge.backends.tls must be warn or require, not " + mode);
		}
		if (environment.getProperty("concierge.demo.enabled", Boolean.class, false)) {
			return;
		}
		List<String> plain = problems(environment);
		if (plain.isEmpty()) {
			return;
		}
		if (mode.equals("require")) {
			throw new IllegalStateException("Connections to backends must be encrypted (concierge.backends.tls="
					+ "require): " + String.join("; ", plain));
		}
		plain.forEach((problem) -> log.warn("Not encrypted: {}", problem));
	}

	/**
	 * What is sent in the clear to another machine, one sentence each with the setting
	 * that would change it.
	 */
	static List<String> problems(PropertyResolver settings) {
		List<String> problems = new ArrayList<>();
		String database = settings.getProperty("spring.datasource.url", "");
		if (!settings.getProperty("concierge.database.embedded.active", Boolean.class, false)
				&& database.startsWith("jdbc:postgresql:") && !loopback(postgresHost(database))) {
			String sslmode = parameter(database, "sslmode");
			if (sslmode == null || !Set.of("verify-full", "verify-ca", "require").contains(sslmode)) {
				problems.add("PostgreSQL: add sslmode=verify-full to spring.datasource.url (CONCIERGE_DATABASE_URL)");
			}
		}
		String mailHost = settings.getProperty("spring.mail.host", "");
		if (!mailHost.isBlank() && !loopback(mailHost)
				&& !"smtps".equalsIgnoreCase(settings.getProperty("spring.mail.protocol", "smtp"))
				&& !settings.getProperty("spring.mail.properties.mail.smtp.starttls.required", Boolean.class, false)
				&& !settings.getProperty("spring.mail.properties.mail.smtp.ssl.enable", Boolean.class, false)) {
			problems.add("SMTP: set spring.mail.properties.mail.smtp.starttls.enable=true and "
					+ "spring.mail.properties.mail.smtp.starttls.required=true, or spring.mail.protocol=smtps");
		}
		String imapHost = settings.getProperty("concierge.support.imap.host", "");
		if (!imapHost.isBlank() && !loopback(imapHost)
				&& !settings.getProperty("concierge.support.imap.ssl", Boolean.class, true)) {
			problems.add("IMAP: set concierge.support.imap.ssl=true");
		}
		if (settings.getProperty("concierge.intake.kafka.enabled", Boolean.class, false)) {
			String protocol = settings.getProperty("spring.kafka.security.protocol",
					settings.getProperty("spring.kafka.properties.security.protocol", "PLAINTEXT"));
			if (!Set.of("SSL", "SASL_SSL").contains(protocol.strip().toUpperCase(Locale.ROOT))) {
				problems.add("Kafka: set spring.kafka.security.protocol=SSL (or SASL_SSL)");
			}
		}
		return problems;
	}

	private static boolean loopback(@Nullable String host) {
		return host != null && LOOPBACK.contains(host.toLowerCase(Locale.ROOT));
	}

	/** The first host of {@code jdbc:postgresql://host[:port][,host2…]/db?…}. */
	private static @Nullable String postgresHost(String url) {
		String rest = url.substring("jdbc:postgresql:".length());
		if (!rest.startsWith("//")) {
			// jdbc:postgresql:database is localhost
			return "localhost";
		}
		try {
			String first = rest.substring(2).split("[/?]", 2)[0].split(",")[0];
			return URI.create("postgresql://" + first).getHost();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static @Nullable String parameter(String url, String name) {
		int query = url.indexOf('?');
		if (query < 0) {
			return null;
		}
		for (String pair : url.substring(query + 1).split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0 && pair.substring(0, equals).equalsIgnoreCase(name)) {
				return pair.substring(equals + 1).toLowerCase(Locale.ROOT);
			}
		}
		return null;
	}

}
