package io.concierge.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.shared.AuditableEvent;

/**
 * API keys for integration clients such as a warehouse posting fulfilment events. A key
 * is shown once when it is made and kept only as a hash; each carries scopes that say
 * which APIs it may call, and an administrator can revoke it at any time.
 */
@Service
public class ApiKeys {

	/** May post fulfilment events. */
	public static final String FULFILMENT = "fulfilment";

	/** May read what became of the orders its channels submitted. */
	public static final String INTAKE = "intake";

	/**
	 * May call a partner's APIs ({@code /api/partner/**}), for the partner the key or
	 * client was made for (the partners module keeps that link).
	 */
	public static final String PARTNER = "partner";

	public static final Set<String> SCOPES = Set.of(FULFILMENT, INTAKE, PARTNER);

	static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} .,_()&'-]{1,80}");

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ApiKeys(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * A key as the administrator's list shows it: never the key itself.
	 *
	 * @param prefix the key's first characters, to recognise it by
	 */
	public record ApiKey(UUID id, String name, String prefix, Set<String> scopes, Instant createdAt, String createdBy,
			@Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {

	}

	/**
	 * Who called with a valid key.
	 */
	public record ApiClient(UUID id, String name, Set<String> scopes) {

	}

	/**
	 * An API key was made or revoked.
	 */
	public record ApiKeyChanged(String actor, String subject, String change, String origin,
			Instant occurredAt) implements AuditableEvent {

		@Override
		public String action() {
			return "identity.api-key." + this.change;
		}

	}

	/**
	 * A key just made: its id, to refer to it by, and the key itself, to be shown once.
	 */
	public record IssuedKey(UUID id, String key) {

	}

	/**
	 * @return the new key, to be shown once
	 * @throws IllegalArgumentException when the name is empty or odd, or a scope unknown
	 */
	@Transactional
	public String create(String name, Set<String> scopes, String actor, String origin) {
		return issue(name, scopes, actor, origin).key();
	}

	/**
	 * Makes a key, as {@link #create} does, answering its id as well, for a module that
	 * keeps who the key is for.
	 * @throws IllegalArgumentException when the name is empty or odd, or a scope unknown
	 */
	@Transactional
	public IssuedKey issue(String name, Set<String> scopes, String actor, String origin) {
		if (!NAME.matcher(name.strip()).matches()) {
			throw new IllegalArgumentException("Name the key with up to 80 letters, digits and spaces");
		}
		if (scopes.isEmpty() || !SCOPES.containsAll(scopes)) {
			throw new IllegalArgumentException("Unknown scopes: " + scopes);
		}
		String key = "ck_" + Secrets.randomToken();
		Instant now = this.clock.instant();
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into api_key (id, name, prefix, key_hash, scopes, created_at, created_by)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(id, name.strip(), key.substring(0, 10), Secrets.sha256(key),
					String.join(",", scopes.stream().sorted().toList()), now.atOffset(ZoneOffset.UTC), actor)
			.update();
		this.events.publishEvent(new ApiKeyChanged(actor, name.strip(), "created", origin, now));
		return new IssuedKey(id, key);
	}

	@Transactional(readOnly = true)
	public List<ApiKey> list() {
		return this.jdbc.sql("""
				select id, name, prefix, scopes, created_at, created_by, last_used_at, revoked_at
				from api_key order by revoked_at nulls first, created_at desc""")
			.query((row, number) -> new ApiKey(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
					scopes(row.getString(4)), row.getObject(5, java.time.OffsetDateTime.class).toInstant(),
					row.getString(6), instant(row.getObject(7, java.time.OffsetDateTime.class)),
					instant(row.getObject(8, java.time.OffsetDateTime.class))))
			.list();
	}

	@Transactional
	public void revoke(UUID id, String actor, String origin) {
		Instant now = this.clock.instant();
		this.jdbc.sql("update api_key set revoked_at = ? where id = ? and revoked_at is null returning name")
			.params(now.atOffset(ZoneOffset.UTC), id)
			.query(String.class)
			.optional()
			.ifPresent((name) -> this.events.publishEvent(new ApiKeyChanged(actor, name, "revoked", origin, now)));
	}

	/**
	 * The client a key belongs to, unless the key is unknown or revoked.
	 */
	@Transactional
	public Optional<ApiClient> authenticate(String key) {
		return this.jdbc.sql("""
				update api_key set last_used_at = ? where key_hash = ? and revoked_at is null
				returning id, name, scopes""")
			.params(this.clock.instant().atOffset(ZoneOffset.UTC), Secrets.sha256(key))
			.query((row, number) -> new ApiClient(row.getObject(1, UUID.class), row.getString(2),
					scopes(row.getString(3))))
			.optional();
	}

	private static Set<String> scopes(String scopes) {
		return Set.copyOf(Arrays.asList(scopes.split(",")));
	}

	private static @Nullable Instant instant(java.time.@Nullable OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

}
