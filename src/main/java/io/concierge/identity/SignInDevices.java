package io.concierge.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ResponseCookie;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.util.WebUtils;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.identity.AccountEvents.NewDeviceSignIn;
import io.concierge.identity.AccountEvents.Recipient;
import io.concierge.shared.CookieNames;
import io.concierge.shared.EmailAddress;

/**
 * What a sign-in leaves behind: the session learns its device and address (for the list
 * of sessions), and a browser the account has not used before is remembered by a random
 * cookie and reported to the account's owner by email.
 */
@Component
public class SignInDevices {

	static final String DEVICE_COOKIE = CookieNames.HOST_PREFIX + "CONCIERGE_DEVICE";

	private static final String LEGACY_DEVICE_COOKIE = "CONCIERGE_DEVICE";

	/** Session attributes shown in the list of sessions. */
	public static final String SESSION_DEVICE = "concierge.device";

	public static final String SESSION_ADDRESS = "concierge.address";

	public static final String SESSION_SIGNED_IN_AT = "concierge.signedInAt";

	private final AccountRepository accounts;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SignInDevices(AccountRepository accounts, JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	public void signedIn(EmailAddress email, HttpServletRequest request, HttpServletResponse response) {
		String description = DeviceDescription.of(request.getHeader("User-Agent"));
		String address = request.getRemoteAddr();
		Instant now = this.clock.instant();
		HttpSession session = request.getSession();
		session.setAttribute(SESSION_DEVICE, description);
		session.setAttribute(SESSION_ADDRESS, address);
		session.setAttribute(SESSION_SIGNED_IN_AT, now);
		this.accounts.findByEmail(email.value()).ifPresent((account) -> {
			String device = deviceId(request, response);
			boolean known = touch(account.id(), Secrets.sha256(device), now);
			if (!known) {
				boolean first = countDevices(account.id()) == 0;
				remember(account.id(), Secrets.sha256(device), description, now);
				if (!first) {
					this.events.publishEvent(
							new NewDeviceSignIn(new Recipient(email, account.displayName(), account.language()),
									description, address, now));
				}
			}
		});
	}

	private String deviceId(HttpServletRequest request, HttpServletResponse response) {
		Cookie known = WebUtils.getCookie(request, DEVICE_COOKIE);
		if (known != null && known.getValue().length() == 43) {
			return known.getValue();
		}
		// the cookie's name before it had its prefix: the browser stays known, under the
		// new name, rather than every browser mailing its owner as new after the upgrade
		Cookie before = WebUtils.getCookie(request, LEGACY_DEVICE_COOKIE);
		String id = (before != null && before.getValue().length() == 43) ? before.getValue() : Secrets.randomToken();
		response.addHeader("Set-Cookie",
				ResponseCookie.from(DEVICE_COOKIE, id)
					.path("/")
					.httpOnly(true)
					.secure(true)
					.sameSite("Lax")
					.maxAge(Duration.ofDays(400))
					.build()
					.toString());
		return id;
	}

	private boolean touch(UUID account, String device, Instant now) {
		return this.jdbc.sql("update known_device set last_seen_at = ? where account_id = ? and device_hash = ?")
			.params(now.atOffset(ZoneOffset.UTC), account, device)
			.update() == 1;
	}

	private long countDevices(UUID account) {
		return this.jdbc.sql("select count(*) from known_device where account_id = ?")
			.param(account)
			.query(Long.class)
			.single();
	}

	private void remember(UUID account, String device, String description, Instant now) {
		this.jdbc.sql("""
				insert into known_device (account_id, device_hash, description, first_seen_at, last_seen_at)
				values (?, ?, ?, ?, ?) on conflict do nothing""")
			.params(account, device, description, now.atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC))
			.update();
	}

}
