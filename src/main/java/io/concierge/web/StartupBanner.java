package io.concierge.web;

import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.concierge.identity.DemoLogins;
import io.concierge.identity.DemoLogins.DemoLogin;

/**
 * Says where the portal is and, in demo mode, who to sign in as.
 */
@Component
class StartupBanner {

	private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

	private final DemoLogins logins;

	private final Environment environment;

	private final boolean demo;

	StartupBanner(DemoLogins logins, Environment environment, @Value("${concierge.demo.enabled}") boolean demo) {
		this.logins = logins;
		this.environment = environment;
		this.demo = demo;
	}

	@EventListener(ApplicationReadyEvent.class)
	void print() {
		log.info(text());
	}

	String text() {
		String port = this.environment.getProperty("local.server.port", "8080");
		StringBuilder banner = new StringBuilder("\n\n  Concierge is ready: http://localhost:" + port + "/\n");
		if (this.demo) {
			List<DemoLogin> all = this.logins.all();
			if (all.isEmpty()) {
				banner.append("  Demo logins were not found in ").append(this.logins.file()).append('\n');
			}
			else {
				banner.append("  Demo logins (kept in ").append(this.logins.file()).append("):\n");
				all.forEach((login) -> banner.append(String.format(Locale.ROOT, "    %-22s %-32s %-20s %s%n",
						label(login), login.email(), login.password(),
						(login.totpSecret() != null) ? "authenticator key " + login.totpSecret() : "")));
				banner.append("  Staff give a code too: add the key to an authenticator app, or run ")
					.append("oathtool --totp -b <key>\n");
			}
		}
		return banner.toString();
	}

	private static String label(DemoLogin login) {
		String role = login.role().name().toLowerCase(Locale.ROOT);
		return login.business() ? role + " (business)" : role;
	}

}
