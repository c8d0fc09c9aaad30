package io.concierge.identity;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.identity.AccountEvents.Recipient;
import io.concierge.identity.AccountEvents.SecondFactorChanged;
import io.concierge.shared.EmailAddress;
import io.concierge.shared.SecretSeal;

/**
 * Second factors: a TOTP authenticator with ten single-use recovery codes, devices
 * trusted for 30 days, and the policy that says who must have one (staff roles, or
 * everyone of an organisation or the whole portal when an administrator says so).
 */
@Service
public class SecondFactors {

	static final int RECOVERY_CODES = 10;

	static final int FEW_CODES_LEFT = 3;

	static final Duration TRUST = Duration.ofDays(30);

	private static final String TOTP = "totp:";

	private static final Logger log = LoggerFactory.getLogger(SecondFactors.class);

	private static final String CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final int CODE_GROUPS = 6;

	/** The length, normalised, of the recovery codes of about 79 bits made before. */
	private static final int OLD_CODE_LENGTH = 16;

	/** How a recovery code's hash is kept ({@code recovery_code.hashed_as}). */
	private static final String SHA256 = "sha256";

	private static final String OLD_SHA256 = "sha256-79";

	private static final String OLD_ARGON2 = "argon2id-sha256";

	private final Argon2PasswordEncoder codeHashes = IdentityConfiguration.argon2();

	private final AccountRepository accounts;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final List<Role> requiredFor;

	private final IdentitySettings settings;

	private final SecretSeal seal;

	SecondFactors(AccountRepository accounts, JdbcClient jdbc, ApplicationEventPublisher events, Clock clock,
			@Value("${concierge.identity.mfa.required-roles:AGENT,OPERATIONS,ADMINISTRATOR,PARTNER}") List<Role> requiredFor,
			IdentitySettings settings, SecretSeal seal) {
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
		this.requiredFor = requiredFor;
		this.settings = settings;
		this.seal = seal;
	}

	/**
	 * What an account has and must have.
	 *
	 * @param totp whether an authenticator is set up
	 * @param passkeys how many passkeys the account has
	 * @param recoveryCodesLeft unused recovery codes
	 * @param required whether the account may not do without a second factor
	 * @param trustedDevices browsers that skip the second factor until their trust runs
	 * out
	 */
	public record Status(boolean totp, int passkeys, int recoveryCodesLeft, boolean required, int trustedDevices) {

		public boolean fewCodesLeft() {
			return this.totp && this.recoveryCodesLeft <= FEW_CODES_LEFT;
		}

		/**
		 * Whether the account has a second factor of any kind.
		 */
		public boolean any() {
			return this.totp || this.passkeys > 0;
		}

	}

	/**
	 * An authenticator being set up: the secret as text, as an {@code otpauth://} link
	 * and as a QR code of that link.
	 */
	public record Enrolment(String secret, String uri, String qrCode) {

		@Override
		public String toString() {
			return "Enrolment[…]";
		}

	}

	/**
	 * How a second factor was checked.
	 */
	public enum Check {

		/** A code from the authenticator. */
		TOTP,

		/** One of the recovery codes, now used up. */
		RECOVERY_CODE,

		/** Neither. */
		REFUSED;

		public boolean accepted() {
			return this != REFUSED;
		}

	}

	@Transactional(readOnly = true)
	public Status status(EmailAddress email) {
		Account account = account(email);
		return new Status(hasTotp(account.id()), passkeys(account.id()), unusedCodes(account.id()), required(account),
				trustedDevices(account.id()));
	}

	@Transactional(readOnly = true)
	public boolean hasTotp(EmailAddress email) {
		return hasTotp(account(email).id());
	}

	/**
	 * Whether the account has an authenticator or a passkey.
	 */
	@Transactional(readOnly = true)
	public boolean hasAny(EmailAddress email) {
		UUID account = account(email).id();
		return hasTotp(account) || passkeys(account) > 0;
	}

	@Transactional(readOnly = true)
	public boolean required(EmailAddress email) {
		return required(account(email));
	}

	/**
	 * A new secret for an authenticator, waiting for its first code; replaces one not
	 * confirmed.
	 */
	@Transactional
	public Enrolment startEnrolment(EmailAddress email) {
		Account account = account(email);
		if (hasTotp(account.id())) {
			throw new IllegalStateException("An authenticator is set up already");
		}
		String secret = Totp.newSecret();
		this.jdbc.sql("""
				insert into account_totp (account_id, secret) values (?, ?)
				on conflict (account_id) do update set secret = excluded.secret, last_used_step = 0""")
			.params(account.id(), sealed(account.id(), secret))
			.update();
		return enrolment(email, secret);
	}

	/**
	 * The enrolment under way, to show its QR code again after a mistyped code.
	 */
	@Transactional(readOnly = true)
	public Optional<Enrolment> pendingEnrolment(EmailAddress email) {
		UUID account = account(email).id();
		return this.jdbc.sql("select secret from account_totp where account_id = ? and confirmed_at is null")
			.param(account)
			.query(String.class)
			.optional()
			.map((secret) -> enrolment(email, opened(account, secret)));
	}

	/**
	 * Confirms the authenticator with its first code.
	 * @return the ten recovery codes, to be shown once; empty when the code is wrong
	 */
	@Transactional
	public Optional<List<String>> confirmEnrolment(EmailAddress email, String code, String origin) {
		Account account = account(email);
		OptionalLong step = matchingStep(account.id(), false, code);
		if (step.isEmpty()) {
			return Optional.empty();
		}
		this.jdbc.sql("update account_totp set confirmed_at = ?, last_used_step = ? where account_id = ?")
			.params(utc(this.clock.instant()), step.getAsLong(), account.id())
			.update();
		forgetTrustedDevices(account.id());
		List<String> codes = newRecoveryCodes(account.id());
		changed(account, "enrolled", origin);
		return Optional.of(codes);
	}

	/**
	 * Checks a code from the authenticator (each used once) or a recovery code (used up).
	 */
	@Transactional
	public Check check(EmailAddress email, String code, String origin) {
		Account account = account(email);
		String given = code.strip();
		if (given.replaceAll("\\s", "").matches("\\d{6}")) {
			return checkTotp(account, given) ? Check.TOTP : Check.REFUSED;
		}
		if (useRecoveryCode(account.id(), normaliseCode(given))) {
			changed(account, "recovery-code-used", origin);
			return Check.RECOVERY_CODE;
		}
		return Check.REFUSED;
	}

	@Transactional
	public List<String> regenerateRecoveryCodes(EmailAddress email, String origin) {
		Account account = account(email);
		List<String> codes = newRecoveryCodes(account.id());
		changed(account, "recovery-codes-regenerated", origin);
		return codes;
	}

	/**
	 * Removes the authenticator, the recovery codes and every trusted device.
	 * @throws IllegalStateException when the account must keep a second factor and has no
	 * passkey
	 */
	@Transactional
	public void disable(EmailAddress email, String origin) {
		Account account = account(email);
		if (required(account) && passkeys(account.id()) == 0) {
			throw new IllegalStateException(email + " must keep a second factor");
		}
		this.jdbc.sql("delete from account_totp where account_id = ?").param(account.id()).update();
		this.jdbc.sql("delete from recovery_code where account_id = ?").param(account.id()).update();
		forgetTrustedDevices(account.id());
		changed(account, "disabled", origin);
	}

	/**
	 * Trusts this browser for 30 days.
	 * @return the token for its cookie
	 */
	@Transactional
	public String trustDevice(EmailAddress email, String description) {
		String token = Secrets.randomToken();
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				insert into trusted_device (token_hash, account_id, description, created_at, expires_at)
				values (?, ?, ?, ?, ?)""")
			.params(Secrets.sha256(token), account(email).id(), description, utc(now), utc(now.plus(TRUST)))
			.update();
		return token;
	}

	@Transactional(readOnly = true)
	public boolean trusted(EmailAddress email, String token) {
		return this.jdbc
			.sql("select count(*) from trusted_device where token_hash = ? and account_id = ? and expires_at > ?")
			.params(Secrets.sha256(token), account(email).id(), utc(this.clock.instant()))
			.query(Long.class)
			.single() > 0;
	}

	@Transactional
	public void forgetTrustedDevices(EmailAddress email) {
		forgetTrustedDevices(account(email).id());
	}

	/**
	 * The code an authenticator app shows for a secret now; for the demo data and tests.
	 */
	public static String currentCode(String secret, Instant now) {
		return Totp.code(secret, Totp.step(now));
	}

	/**
	 * Sets up an authenticator with a known secret at once; for demo accounts.
	 */
	@Transactional
	void enrolWithSecret(EmailAddress email, String secret) {
		Account account = account(email);
		this.jdbc.sql("insert into account_totp (account_id, secret, confirmed_at) values (?, ?, ?)")
			.params(account.id(), sealed(account.id(), secret), utc(this.clock.instant()))
			.update();
		newRecoveryCodes(account.id());
	}

	/**
	 * The step of the code, if it belongs to the account's authenticator (confirmed, or
	 * the one being set up).
	 */
	private OptionalLong matchingStep(UUID account, boolean confirmed, String code) {
		return this.jdbc
			.sql("select secret from account_totp where account_id = ? and confirmed_at is "
					+ (confirmed ? "not null" : "null"))
			.param(account)
			.query(String.class)
			.optional()
			.map((secret) -> Totp.matchingStep(opened(account, secret), code, this.clock.instant()))
			.orElse(OptionalLong.empty());
	}

	/**
	 * The authenticator's secret as stored: sealed, bound to the account.
	 */
	private String sealed(UUID account, String secret) {
		return this.seal.seal(secret, TOTP + account);
	}

	private String opened(UUID account, String stored) {
		return this.seal.open(stored, TOTP + account);
	}

	/**
	 * Seals the secrets stored before they were sealed, once at start.
	 */
	@EventListener(ApplicationReadyEvent.class)
	@Transactional
	void sealStored() {
		int sealed = this.seal.sealStored(this.jdbc, "account_totp", "account_id", "secret", TOTP);
		if (sealed > 0) {
			log.info("Sealed {} authenticator secrets stored before secrets were sealed", sealed);
		}
	}

	private boolean checkTotp(Account account, String code) {
		OptionalLong step = matchingStep(account.id(), true, code);
		if (step.isEmpty()) {
			return false;
		}
		// a code works once: a step at or before the last one used is refused
		return this.jdbc.sql("update account_totp set last_used_step = ? where account_id = ? and last_used_step < ?")
			.params(step.getAsLong(), account.id(), step.getAsLong())
			.update() == 1;
	}

	private List<String> newRecoveryCodes(UUID account) {
		this.jdbc.sql("delete from recovery_code where account_id = ?").param(account).update();
		List<String> codes = new ArrayList<>();
		for (int i = 0; i < RECOVERY_CODES; i++) {
			String code = randomCode();
			codes.add(code);
			this.jdbc.sql("insert into recovery_code (account_id, code_hash, hashed_as) values (?, ?, ?)")
				.params(account, Secrets.sha256(normaliseCode(code)), SHA256)
				.update();
		}
		return codes;
	}

	/**
	 * Uses up the recovery code if it is one of the account's unused ones: a code of
	 * today is looked up by its SHA-256; a shorter one made before, by its SHA-256 not
	 * yet strengthened, or by trying it against the account's strengthened ones (at most
	 * ten Argon2id checks, only for a code of the old length).
	 */
	private boolean useRecoveryCode(UUID account, String code) {
		String sha256 = Secrets.sha256(code);
		if (markUsed(account, sha256, SHA256)) {
			return true;
		}
		if (code.length() != OLD_CODE_LENGTH) {
			return false;
		}
		if (markUsed(account, sha256, OLD_SHA256)) {
			return true;
		}
		List<String> strengthened = this.jdbc
			.sql("select code_hash from recovery_code where account_id = ? and hashed_as = ? and used_at is null")
			.params(account, OLD_ARGON2)
			.query(String.class)
			.list();
		for (String hash : strengthened) {
			if (this.codeHashes.matches(sha256, hash)) {
				return markUsed(account, hash, OLD_ARGON2);
			}
		}
		return false;
	}

	private boolean markUsed(UUID account, String hash, String hashedAs) {
		return this.jdbc.sql("""
				update recovery_code set used_at = ?
				where account_id = ? and code_hash = ? and hashed_as = ? and used_at is null""")
			.params(utc(this.clock.instant()), account, hash, hashedAs)
			.update() == 1;
	}

	/**
	 * Recovery codes made before they had 112 bits (about 79) were kept as plain SHA-256,
	 * which could be reversed by trying every code: their SHA-256 is hashed again with
	 * Argon2id and a salt of its own, once at start, so the codes keep working. Used ones
	 * are of no more use to anyone and are deleted. Argon2id takes its time on purpose,
	 * so this runs beside the node rather than holding its readiness back.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void strengthenOldRecoveryCodesAtStart() {
		Thread.ofVirtual().name("recovery-codes").start(() -> {
			try {
				strengthenOldRecoveryCodes();
			}
			catch (RuntimeException ex) {
				log.warn("Recovery codes of 79 bits were not all hashed again; the next start goes on", ex);
			}
		});
	}

	/**
	 * @return how many were strengthened
	 */
	int strengthenOldRecoveryCodes() {
		this.jdbc.sql("delete from recovery_code where hashed_as = ? and used_at is not null")
			.param(OLD_SHA256)
			.update();
		record Old(UUID account, String hash) {
		}
		List<Old> old = this.jdbc.sql("select account_id, code_hash from recovery_code where hashed_as = ?")
			.param(OLD_SHA256)
			.query((rs, row) -> new Old(rs.getObject(1, UUID.class), rs.getString(2)))
			.list();
		int strengthened = 0;
		for (Old code : old) {
			// each in a statement of its own; another node doing the same finds it done
			strengthened += this.jdbc.sql("""
					update recovery_code set code_hash = ?, hashed_as = ?
					where account_id = ? and code_hash = ? and hashed_as = ?""")
				.params(this.codeHashes.encode(code.hash()), OLD_ARGON2, code.account(), code.hash(), OLD_SHA256)
				.update();
		}
		if (strengthened > 0) {
			log.info("Hashed {} recovery codes of 79 bits again with Argon2id", strengthened);
		}
		return strengthened;
	}

	/**
	 * Six groups of four from 31 unambiguous characters: about 119 bits (ASVS V6.5.2 asks
	 * for 112), so a plain SHA-256 hash of it cannot be reversed by trying.
	 */
	static String randomCode() {
		char[] code = new char[CODE_GROUPS * 5 - 1];
		for (int i = 0; i < code.length; i++) {
			code[i] = (i % 5 == 4) ? '-' : CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length()));
		}
		return new String(code);
	}

	static String normaliseCode(String code) {
		return code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
	}

	private boolean hasTotp(UUID account) {
		return this.jdbc.sql("select count(*) from account_totp where account_id = ? and confirmed_at is not null")
			.param(account)
			.query(Long.class)
			.single() > 0;
	}

	private int passkeys(UUID account) {
		return this.jdbc.sql("""
				select count(*) from user_credentials c join account a on a.passkey_user_id = c.user_entity_user_id
				where a.id = ?""").param(account).query(Long.class).single().intValue();
	}

	private int unusedCodes(UUID account) {
		return this.jdbc.sql("select count(*) from recovery_code where account_id = ? and used_at is null")
			.param(account)
			.query(Long.class)
			.single()
			.intValue();
	}

	private int trustedDevices(UUID account) {
		return this.jdbc.sql("select count(*) from trusted_device where account_id = ? and expires_at > ?")
			.params(account, utc(this.clock.instant()))
			.query(Long.class)
			.single()
			.intValue();
	}

	private void forgetTrustedDevices(UUID account) {
		this.jdbc.sql("delete from trusted_device where account_id = ?").param(account).update();
	}

	private boolean required(Account account) {
		if (this.requiredFor.contains(account.role()) || this.settings.mfaRequiredForEveryone()) {
			return true;
		}
		return this.jdbc.sql("""
				select count(*) from account a join organisation o on o.id = a.organisation_id
				where a.id = ? and o.mfa_required""").param(account.id()).query(Long.class).single() > 0;
	}

	private Enrolment enrolment(EmailAddress email, String secret) {
		String label = URLEncoder.encode("Concierge:" + email.value(), StandardCharsets.UTF_8).replace("+", "%20");
		String uri = "otpauth://totp/" + label + "?secret=" + secret
				+ "&issuer=Concierge&algorithm=SHA1&digits=6&period=30";
		return new Enrolment(spaced(secret), uri, QrCode.svgDataUri(uri));
	}

	private static String spaced(String secret) {
		return String.join(" ", Arrays.stream(secret.split("(?<=\\G.{4})")).toList());
	}

	/**
	 * Tells the audit trail and the account's owner that a second factor changed; for
	 * passkeys too.
	 */
	void changed(EmailAddress email, String change, String origin) {
		changed(account(email), change, origin);
	}

	private void changed(Account account, String change, String origin) {
		this.events.publishEvent(new SecondFactorChanged(
				new Recipient(new EmailAddress(account.email()), account.displayName(), account.language()), change,
				origin, this.clock.instant()));
	}

	private Account account(EmailAddress email) {
		return this.accounts.findByEmail(email.value()).orElseThrow();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
