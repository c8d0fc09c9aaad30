package io.concierge.identity;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.AuthenticatorAttestationResponse;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.authentication.HttpSessionPublicKeyCredentialRequestOptionsRepository;
import org.springframework.security.web.webauthn.jackson.WebauthnJacksonModule;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialRequestOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutableRelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyPublicKey;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.security.web.webauthn.registration.HttpSessionPublicKeyCredentialCreationOptionsRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

import io.concierge.shared.EmailAddress;

/**
 * Passkeys (WebAuthn), on Spring Security's relying party: register several, name and
 * remove them, sign in with one. User verification is required, so a passkey is two
 * factors in one (the device and its PIN or fingerprint) and signing in with it needs no
 * code. The browser talks JSON in WebAuthn's own format; the challenge waits in the
 * session between the two steps of each ceremony.
 * <p>
 * The relying party is the host of {@code concierge.base-url}, or {@code localhost} on
 * the port the server listens on when none is configured.
 */
@Service
public class Passkeys {

	static final int LABEL_LENGTH = 60;

	private static final int SIGN_INS_PER_ADDRESS = 30;

	private static final Duration WINDOW = Duration.ofMinutes(15);

	private static final String UNKNOWN_PASSKEY = "(unknown passkey)";

	private final JsonMapper json = JsonMapper.builder().addModule(new WebauthnJacksonModule()).build();

	private final HttpSessionPublicKeyCredentialCreationOptionsRepository creations = new HttpSessionPublicKeyCredentialCreationOptionsRepository();

	private final HttpSessionPublicKeyCredentialRequestOptionsRepository requests = new HttpSessionPublicKeyCredentialRequestOptionsRepository();

	private final PasskeyUsers users;

	private final JdbcUserCredentialRepository credentials;

	private final AccountRepository accounts;

	private final SignInThrottle throttle;

	private final RateLimits rateLimits;

	private final SingleSignOn singleSignOn;

	private final SecondFactors factors;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final String baseUrl;

	private final Environment environment;

	private volatile @Nullable Webauthn4JRelyingPartyOperations relyingParty;

	Passkeys(PasskeyUsers users, JdbcClient jdbc, JdbcTemplate jdbcTemplate, AccountRepository accounts,
			SignInThrottle throttle, RateLimits rateLimits, SingleSignOn singleSignOn, SecondFactors factors,
			ApplicationEventPublisher events, Clock clock, @Value("${concierge.base-url}") String baseUrl,
			Environment environment) {
		this.users = users;
		this.credentials = new JdbcUserCredentialRepository(jdbcTemplate);
		this.accounts = accounts;
		this.throttle = throttle;
		this.rateLimits = rateLimits;
		this.singleSignOn = singleSignOn;
		this.factors = factors;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
		this.baseUrl = baseUrl;
		this.environment = environment;
	}

	/**
	 * A passkey as its owner sees it.
	 *
	 * @param id the credential id, base64url
	 * @param lastUsed when it last signed in, null if never
	 */
	public record Passkey(String id, String label, Instant created, @Nullable Instant lastUsed) {

	}

	/**
	 * Why a passkey was not taken; {@link #reason()} is a message key.
	 */
	public static class PasskeyRefused extends RuntimeException {

		private final String reason;

		PasskeyRefused(String reason) {
			super(reason);
			this.reason = reason;
		}

		public String reason() {
			return this.reason;
		}

	}

	@Transactional(readOnly = true)
	public List<Passkey> list(EmailAddress email) {
		PublicKeyCredentialUserEntity user = this.users.findByUsername(email.value());
		if (user == null) {
			return List.of();
		}
		return this.credentials.findByUserId(user.getId())
			.stream()
			.sorted((a, b) -> a.getCreated().compareTo(b.getCreated()))
			.map((record) -> new Passkey(record.getCredentialId().toBase64UrlString(), record.getLabel(),
					record.getCreated(),
					record.getLastUsed().isAfter(record.getCreated()) ? record.getLastUsed() : null))
			.toList();
	}

	/**
	 * Starts registering a passkey for the signed-in account.
	 * @return the creation options for {@code navigator.credentials.create}, as JSON
	 */
	@Transactional
	public String registrationOptions(Authentication authentication, HttpServletRequest request,
			HttpServletResponse response) {
		PublicKeyCredentialCreationOptions options = relyingParty().createPublicKeyCredentialCreationOptions(
				new ImmutablePublicKeyCredentialCreationOptionsRequest(authentication));
		this.creations.save(request, response, options);
		return this.json.writeValueAsString(options);
	}

	/**
	 * Finishes registering: checks the browser's answer against the challenge in the
	 * session and keeps the passkey under its name.
	 * @param credential the {@code PublicKeyCredential} the browser created, as JSON
	 * @throws PasskeyRefused when the name is missing or too long, no registration was
	 * started or the answer does not check out
	 */
	@Transactional
	public void register(EmailAddress email, String credential, String label, HttpServletRequest request,
			HttpServletResponse response) {
		String name = label(label);
		PublicKeyCredentialCreationOptions options = this.creations.load(request);
		this.creations.save(request, response, null);
		if (options == null || !email.value().equals(options.getUser().getName())) {
			throw new PasskeyRefused("passkey.expired");
		}
		try {
			relyingParty()
				.registerCredential(new ImmutableRelyingPartyRegistrationRequest(options, new RelyingPartyPublicKey(
						read(credential, new TypeReference<PublicKeyCredential<AuthenticatorAttestationResponse>>() {
						}), name)));
		}
		catch (RuntimeException ex) {
			throw new PasskeyRefused("passkey.failed");
		}
		this.factors.changed(email, "passkey-added", request.getRemoteAddr());
	}

	@Transactional
	public void rename(EmailAddress email, String id, String label) {
		String name = label(label);
		this.jdbc.sql("""
				update user_credentials set label = ? where credential_id = ?
				  and user_entity_user_id = (select passkey_user_id from account where email = ?)""")
			.params(name, id, email.value())
			.update();
	}

	/**
	 * Removes one of the account's passkeys; another account's id changes nothing.
	 * @throws PasskeyRefused when it is the last second factor of an account that must
	 * keep one
	 */
	@Transactional
	public void remove(EmailAddress email, String id, String origin) {
		SecondFactors.Status status = this.factors.status(email);
		if (status.required() && !status.totp() && status.passkeys() <= 1) {
			throw new PasskeyRefused("passkey.last");
		}
		int removed = this.jdbc.sql("""
				delete from user_credentials where credential_id = ?
				  and user_entity_user_id = (select passkey_user_id from account where email = ?)""")
			.params(id, email.value())
			.update();
		if (removed > 0) {
			this.factors.changed(email, "passkey-removed", origin);
		}
	}

	/**
	 * Starts signing in with a passkey. While a password sign-in waits for its second
	 * factor, the browser is pointed at that account's passkeys.
	 * @return the request options for {@code navigator.credentials.get}, as JSON
	 */
	@Transactional(readOnly = true)
	public String signInOptions(@Nullable Authentication authentication, HttpServletRequest request,
			HttpServletResponse response) {
		PublicKeyCredentialRequestOptions options = relyingParty()
			.createCredentialRequestOptions(new ImmutablePublicKeyCredentialRequestOptionsRequest(authentication));
		this.requests.save(request, response, options);
		return this.json.writeValueAsString(options);
	}

	/**
	 * Checks the browser's signed answer to the challenge in the session.
	 * @param credential the {@code PublicKeyCredential} the browser returned, as JSON
	 * @return the account it belongs to, which the caller signs in
	 * @throws PasskeyRefused when the answer does not check out, the account or address
	 * is locked or too many tries came from the address
	 * @throws SingleSignOnRequired when the account's company signs in elsewhere
	 */
	@Transactional(noRollbackFor = { PasskeyRefused.class, SingleSignOnRequired.class })
	public EmailAddress signIn(String credential, HttpServletRequest request, HttpServletResponse response) {
		String address = request.getRemoteAddr();
		if (!this.rateLimits.tryAcquire("passkey-sign-in:" + address, SIGN_INS_PER_ADDRESS, WINDOW)) {
			throw new PasskeyRefused("passkey.tooMany");
		}
		PublicKeyCredentialRequestOptions options = this.requests.load(request);
		this.requests.save(request, response, null);
		if (options == null) {
			throw new PasskeyRefused("passkey.expired");
		}
		PublicKeyCredentialUserEntity user;
		try {
			user = relyingParty().authenticate(new RelyingPartyAuthenticationRequest(options,
					read(credential, new TypeReference<PublicKeyCredential<AuthenticatorAssertionResponse>>() {
					})));
		}
		catch (RuntimeException ex) {
			throw refused(UNKNOWN_PASSKEY, "passkey-not-verified", address);
		}
		EmailAddress email = EmailAddress.of(user.getName());
		Account account = this.accounts.findByEmail(email.value())
			.orElseThrow(() -> refused(UNKNOWN_PASSKEY, "passkey-without-account", address));
		if (!account.enabled()) {
			// the passkey proved its owner: they may hear why
			refused(email.value(), "passkey-account-disabled", address);
			throw new PasskeyRefused("signIn.disabled");
		}
		if (this.throttle.locked(email.value(), address)) {
			throw refused(email.value(), "passkey-locked", address);
		}
		if (this.singleSignOn.requiredProvider(email).isPresent()) {
			this.events
				.publishEvent(new SignInFailed(email.value(), "passkey-sso-required", address, this.clock.instant()));
			throw new SingleSignOnRequired();
		}
		this.events.publishEvent(new SignInSucceeded(email.value(), address, this.clock.instant()));
		return email;
	}

	/**
	 * The refusal, in the audit trail; the browser hears only that the passkey did not
	 * work.
	 */
	private PasskeyRefused refused(String actor, String reason, String address) {
		this.events.publishEvent(new SignInFailed(actor, reason, address, this.clock.instant()));
		return new PasskeyRefused("passkey.failed");
	}

	private <T> T read(String value, TypeReference<T> type) {
		try {
			return this.json.readValue(value, type);
		}
		catch (JacksonException ex) {
			throw new PasskeyRefused("passkey.failed");
		}
	}

	private static String label(String label) {
		String name = label.strip();
		if (!StringUtils.hasText(name) || name.length() > LABEL_LENGTH) {
			throw new PasskeyRefused("passkey.label");
		}
		return name;
	}

	/**
	 * Built on first use, when the port the server listens on is known.
	 */
	private Webauthn4JRelyingPartyOperations relyingParty() {
		Webauthn4JRelyingPartyOperations operations = this.relyingParty;
		if (operations == null) {
			String origin = StringUtils.hasText(this.baseUrl)
					? URI.create(this.baseUrl).resolve("/").toString().replaceAll("/$", "")
					: "http://localhost:" + this.environment.getProperty("local.server.port", "8080");
			String host = URI.create(origin).getHost();
			operations = new Webauthn4JRelyingPartyOperations(this.users, this.credentials,
					PublicKeyCredentialRpEntity.builder().id(host).name("Concierge").build(), Set.of(origin));
			operations.setCustomizeCreationOptions(
					(options) -> options.authenticatorSelection(AuthenticatorSelectionCriteria.builder()
						.userVerification(UserVerificationRequirement.REQUIRED)
						.residentKey(ResidentKeyRequirement.REQUIRED)
						.build()));
			operations.setCustomizeRequestOptions(
					(options) -> options.userVerification(UserVerificationRequirement.REQUIRED));
			this.relyingParty = operations;
		}
		return operations;
	}

}
