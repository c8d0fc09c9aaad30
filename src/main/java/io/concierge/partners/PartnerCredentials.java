package io.concierge.partners;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.identity.ApiClients;
import io.concierge.identity.ApiKeys;

/**
 * The credentials a partner's own systems call the partner APIs with: OAuth 2.0 clients
 * of the {@code client_credentials} grant (recommended) and API keys, both of the
 * {@link ApiKeys#PARTNER partner} scope, made and revoked by the partner's people.
 * Identity keeps the credentials; this keeps which partner each one acts for, so that a
 * caller is only ever its own partner.
 */
@Service
public class PartnerCredentials {

	private static final Set<String> SCOPES = Set.of(ApiKeys.PARTNER);

	private final JdbcClient jdbc;

	private final ApiKeys keys;

	private final ApiClients clients;

	private final Partners partners;

	private final Clock clock;

	PartnerCredentials(JdbcClient jdbc, ApiKeys keys, ApiClients clients, Partners partners, Clock clock) {
		this.jdbc = jdbc;
		this.keys = keys;
		this.clients = clients;
		this.partners = partners;
		this.clock = clock;
	}

	/**
	 * An OAuth client or an API key.
	 */
	public enum Kind {

		CLIENT, KEY

	}

	/**
	 * A credential as the partner's list shows it: never its secret.
	 *
	 * @param shown the client id, or the key's first characters
	 */
	public record Credential(UUID id, Kind kind, String name, String shown, Instant createdAt, String createdBy,
			@Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {

		public boolean isRevoked() {
			return this.revokedAt != null;
		}

	}

	/**
	 * Makes an OAuth client for the partner's systems.
	 * @return its id and secret, to be shown once
	 * @throws IllegalArgumentException when the name is empty or odd
	 */
	@Transactional
	public ApiClients.Credentials createClient(Partner partner, String name, String actor, String origin) {
		ApiClients.Credentials credentials = this.clients.create(name, SCOPES, actor, origin);
		link(partner, Kind.CLIENT, UUID.fromString(credentials.id()), actor);
		return credentials;
	}

	/**
	 * Makes an API key for the partner's systems.
	 * @return the key, to be shown once
	 * @throws IllegalArgumentException when the name is empty or odd
	 */
	@Transactional
	public String createKey(Partner partner, String name, String actor, String origin) {
		ApiKeys.IssuedKey key = this.keys.issue(name, SCOPES, actor, origin);
		link(partner, Kind.KEY, key.id(), actor);
		return key.key();
	}

	/**
	 * The partner's clients and keys, the ones in use first.
	 */
	@Transactional(readOnly = true)
	public List<Credential> list(Partner partner) {
		Map<UUID, Link> linked = this.jdbc
			.sql("select credential_id, kind, created_by from partner_credential where partner_id = ?")
			.param(partner.id())
			.query((row, n) -> new Link(row.getObject(1, UUID.class), Kind.valueOf(row.getString(2)), row.getString(3)))
			.list()
			.stream()
			.collect(Collectors.toMap(Link::id, Function.identity()));
		List<Credential> credentials = new ArrayList<>();
		this.clients.list()
			.stream()
			.filter((client) -> linked.containsKey(UUID.fromString(client.id()))
					&& linked.get(UUID.fromString(client.id())).kind() == Kind.CLIENT)
			.map((client) -> new Credential(UUID.fromString(client.id()), Kind.CLIENT, client.name(), client.clientId(),
					client.issuedAt(), linked.get(UUID.fromString(client.id())).createdBy(), null, null))
			.forEach(credentials::add);
		this.keys.list()
			.stream()
			.filter((key) -> linked.containsKey(key.id()) && linked.get(key.id()).kind() == Kind.KEY)
			.map((key) -> new Credential(key.id(), Kind.KEY, key.name(), key.prefix() + "…", key.createdAt(),
					key.createdBy(), key.lastUsedAt(), key.revokedAt()))
			.forEach(credentials::add);
		credentials.sort(Comparator.comparing(Credential::isRevoked)
			.thenComparing(Credential::createdAt, Comparator.reverseOrder()));
		return credentials;
	}

	/**
	 * Revokes one of the partner's credentials; another partner's is left alone.
	 * @return whether the partner had it
	 */
	@Transactional
	public boolean revoke(Partner partner, UUID id, String actor, String origin) {
		Optional<Kind> kind = this.jdbc
			.sql("select kind from partner_credential where credential_id = ? and partner_id = ?")
			.params(id, partner.id())
			.query((row, n) -> Kind.valueOf(row.getString(1)))
			.optional();
		if (kind.isEmpty()) {
			return false;
		}
		if (kind.get() == Kind.CLIENT) {
			// identity removes a revoked client altogether; so does its link
			this.clients.revoke(id.toString(), actor, origin);
			this.jdbc.sql("delete from partner_credential where credential_id = ?").param(id).update();
		}
		else {
			this.keys.revoke(id, actor, origin);
		}
		return true;
	}

	/**
	 * The partner a caller of the API acts for: the one its key or client was made for.
	 */
	@Transactional(readOnly = true)
	public Optional<Partner> partnerOf(ApiKeys.ApiClient caller) {
		return this.jdbc.sql("select partner_id from partner_credential where credential_id = ?")
			.param(caller.id())
			.query(UUID.class)
			.optional()
			.flatMap(this.partners::find);
	}

	private void link(Partner partner, Kind kind, UUID id, String actor) {
		this.jdbc.sql("""
				insert into partner_credential (credential_id, partner_id, kind, created_by, created_at)
				values (?, ?, ?, ?, ?)""")
			.params(id, partner.id(), kind.name(), actor, this.clock.instant().atOffset(ZoneOffset.UTC))
			.update();
	}

	private record Link(UUID id, Kind kind, String createdBy) {

	}

}
