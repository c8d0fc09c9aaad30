package io.concierge.identity;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.identity.AccountEvents.IdentitySettingsChanged;

/**
 * What an administrator decides about sign-in while the portal runs: whether anyone may
 * open an account, and who must have a second factor. Properties give the defaults; the
 * database keeps the administrator's choice for every node.
 */
@Service
public class IdentitySettings {

	private static final String REGISTRATION_OPEN = "registration-open";

	private static final String MFA_FOR_EVERYONE = "mfa-required-for-everyone";

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final boolean registrationOpenByDefault;

	private final boolean mfaForEveryoneByDefault;

	IdentitySettings(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock,
			@Value("${concierge.identity.registration-open:true}") boolean registrationOpen,
			@Value("${concierge.identity.mfa.required-for-everyone:false}") boolean mfaForEveryone) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
		this.registrationOpenByDefault = registrationOpen;
		this.mfaForEveryoneByDefault = mfaForEveryone;
	}

	/**
	 * A company account and whether its users must have a second factor.
	 */
	public record OrganisationPolicy(UUID id, String name, boolean mfaRequired, @Nullable String ssoProvider,
			@Nullable String ssoDomain) {

	}

	/**
	 * A company's single sign-on: the provider its users sign in with and their email
	 * domain.
	 */
	public record SingleSignOnBinding(@Nullable String provider, @Nullable String domain) {

	}

	@Transactional(readOnly = true)
	public boolean registrationOpen() {
		return flag(REGISTRATION_OPEN, this.registrationOpenByDefault);
	}

	@Transactional(readOnly = true)
	public boolean mfaRequiredForEveryone() {
		return flag(MFA_FOR_EVERYONE, this.mfaForEveryoneByDefault);
	}

	@Transactional(readOnly = true)
	public List<OrganisationPolicy> organisations() {
		return this.jdbc.sql("select id, name, mfa_required, sso_provider, sso_domain from organisation order by name")
			.query((row, n) -> new OrganisationPolicy(row.getObject("id", UUID.class), row.getString("name"),
					row.getBoolean("mfa_required"), row.getString("sso_provider"), row.getString("sso_domain")))
			.list();
	}

	@Transactional
	public void change(String administrator, boolean registrationOpen, boolean mfaForEveryone,
			List<UUID> organisationsRequiringMfa, String origin) {
		change(administrator, registrationOpen, mfaForEveryone, organisationsRequiringMfa, Map.of(), origin);
	}

	/**
	 * Also binds companies to a provider and domain (a blank provider or domain unbinds).
	 */
	@Transactional
	public void change(String administrator, boolean registrationOpen, boolean mfaForEveryone,
			List<UUID> organisationsRequiringMfa, Map<UUID, SingleSignOnBinding> singleSignOn, String origin) {
		singleSignOn.forEach((organisation, binding) -> {
			boolean bound = binding.provider() != null && !binding.provider().isBlank() && binding.domain() != null
					&& !binding.domain().isBlank();
			this.jdbc.sql("update organisation set sso_provider = ?, sso_domain = ? where id = ?")
				.params(bound ? binding.provider() : null,
						bound ? binding.domain().strip().toLowerCase(java.util.Locale.ROOT) : null, organisation)
				.update();
		});
		set(REGISTRATION_OPEN, registrationOpen);
		set(MFA_FOR_EVERYONE, mfaForEveryone);
		this.jdbc.sql("update organisation set mfa_required = false").update();
		organisationsRequiringMfa
			.forEach((organisation) -> this.jdbc.sql("update organisation set mfa_required = true where id = ?")
				.param(organisation)
				.update());
		this.events.publishEvent(new IdentitySettingsChanged(administrator,
				"registration-open=" + registrationOpen + " mfa-for-everyone=" + mfaForEveryone + " mfa-companies="
						+ organisationsRequiringMfa.size() + " sso-bindings=" + singleSignOn.size(),
				origin, this.clock.instant()));
	}

	private boolean flag(String key, boolean fallback) {
		return this.jdbc.sql("select value from identity_setting where key = ?")
			.param(key)
			.query(String.class)
			.optional()
			.map(Boolean::parseBoolean)
			.orElse(fallback);
	}

	private void set(String key, boolean value) {
		this.jdbc.sql(
				"insert into identity_setting (key, value) values (?, ?) on conflict (key) do update set value = excluded.value")
			.params(key, Boolean.toString(value))
			.update();
	}

}
