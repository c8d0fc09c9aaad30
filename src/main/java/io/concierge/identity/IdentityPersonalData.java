package io.concierge.identity;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import io.concierge.shared.DataSubject;
import io.concierge.shared.ExportRows;
import io.concierge.shared.PersonalData;

/**
 * What identity keeps about a person: their account, how they sign in (password, second
 * factors, passkeys, linked providers, trusted browsers), their sessions and the
 * invitations they were sent. An erasure removes the credentials, sessions and
 * invitations, and pseudonymises the account row, which stays (disabled) because other
 * modules' records keep its identifier; it goes last, so the others can still look the
 * person up.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class IdentityPersonalData implements PersonalData {

	static final Duration THROTTLE_KEPT = Duration.ofDays(1);

	static final Duration DEVICES_KEPT = Duration.ofDays(30);

	private final JdbcClient jdbc;

	private final PasswordEncoder passwords;

	IdentityPersonalData(JdbcClient jdbc, PasswordEncoder passwords) {
		this.jdbc = jdbc;
		this.passwords = passwords;
	}

	@Override
	public String section() {
		return "identity";
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject subject) {
		Map<String, List<Map<String, Object>>> data = new LinkedHashMap<>();
		if (subject.isCompany()) {
			data.put("company", ExportRows.of(this.jdbc.sql("""
					select id, name, created_at, mfa_required, sso_provider, sso_domain from organisation
					where id = ?""").param(subject.company())));
			data.put("users", ExportRows.of(this.jdbc.sql("""
					select a.email, a.display_name, a.enabled, a.created_at,
					  (select string_agg(r.role, ',' order by r.role) from organisation_role r
					   where r.account_id = a.id) as roles
					from account a where a.organisation_id = ? order by a.created_at""").param(subject.company())));
			data.put("invitations", ExportRows.of(this.jdbc.sql("""
					select email, roles, invited_by, created_at, expires_at, accepted_at, revoked_at from invitation
					where organisation_id = ? order by created_at""").param(subject.company())));
			return data;
		}
		UUID account = subject.account();
		data.put("account", ExportRows.of(this.jdbc.sql("""
				select a.id, a.email, a.display_name, a.phone, a.role, o.name as company, a.preferred_language,
				  a.time_zone, a.email_verified, a.enabled, a.created_at
				from account a left join organisation o on o.id = a.organisation_id where a.id = ?""").param(account)));
		data.put("company_roles", ExportRows
			.of(this.jdbc.sql("select role from organisation_role where account_id = ? order by role").param(account)));
		data.put("second_factors", ExportRows.of(this.jdbc.sql("""
				select 'authenticator app' as factor, confirmed_at as since from account_totp where account_id = ?
				union all
				select 'recovery codes', min(used_at) from recovery_code where account_id = ? having count(*) > 0""")
			.params(account, account)));
		data.put("passkeys", ExportRows.of(this.jdbc.sql("""
				select c.label, c.created, c.last_used from user_credentials c
				join account a on a.passkey_user_id = c.user_entity_user_id where a.id = ? order by c.created""")
			.param(account)));
		data.put("linked_sign_ins", ExportRows.of(this.jdbc
			.sql("select provider, email, linked_at from external_identity where account_id = ? order by linked_at")
			.param(account)));
		data.put("known_browsers", ExportRows.of(this.jdbc.sql("""
				select description, first_seen_at, last_seen_at from known_device where account_id = ?
				order by last_seen_at desc""").param(account)));
		data.put("trusted_browsers", ExportRows.of(this.jdbc.sql("""
				select description, created_at, expires_at from trusted_device where account_id = ?
				order by created_at""").param(account)));
		data.put("sessions", ExportRows.of(this.jdbc.sql("""
				select to_timestamp(creation_time / 1000.0) as started_at,
				  to_timestamp(last_access_time / 1000.0) as last_active_at,
				  to_timestamp(expiry_time / 1000.0) as expires_at
				from spring_session where principal_name = ? order by creation_time""").param(subject.email())));
		data.put("invitations", ExportRows.of(this.jdbc.sql("""
				select o.name as company, i.roles, i.invited_by, i.created_at, i.expires_at, i.accepted_at,
				  i.revoked_at
				from invitation i join organisation o on o.id = i.organisation_id where i.email = ?
				order by i.created_at""").param(subject.email())));
		return data;
	}

	@Override
	public List<Erased> erase(DataSubject subject, String pseudonym) {
		UUID account = subject.account();
		String email = subject.email();
		String address = pseudonym + "@erased.invalid";
		long credentials = update("delete from account_totp where account_id = ?", account)
				+ update("delete from recovery_code where account_id = ?", account)
				+ update("delete from trusted_device where account_id = ?", account)
				+ update("delete from external_identity where account_id = ?", account)
				+ update("delete from account_token where account_id = ?", account) + update("""
						delete from user_credentials where user_entity_user_id =
						  (select passkey_user_id from account where id = ?)""", account);
		long sessions = update("delete from spring_session where principal_name = ?", email)
				+ update("delete from known_device where account_id = ?", account)
				+ update("delete from sign_in_throttle where key = ?", "account:" + email)
				+ update("delete from rate_limit where strpos(key, ?) > 0", email);
		long invitations = update("delete from invitation where email = ?", email);
		this.jdbc.sql("update invitation set invited_by = ? where invited_by = ?").params(address, email).update();
		this.jdbc.sql("update api_key set created_by = ? where created_by = ?").params(address, email).update();
		update("delete from organisation_role where account_id = ?", account);
		long accounts = this.jdbc.sql("""
				update account set email = ?, display_name = ?, phone = null, password_hash = ?, enabled = false,
				  passkey_user_id = null, time_zone = null
				where id = ?""")
			.params(address, pseudonym, this.passwords.encode(UUID.randomUUID().toString()), account)
			.update();
		List<Erased> done = new ArrayList<>();
		done.add(Erased.erased("identity.credentials", credentials));
		done.add(Erased.erased("identity.sessions", sessions));
		done.add(Erased.erased("identity.invitations", invitations));
		done.add(Erased.pseudonymised("identity.account", accounts));
		return done;
	}

	private long update(String sql, Object parameter) {
		return this.jdbc.sql(sql).param(parameter).update();
	}

	/**
	 * Failed sign-ins, rate-limit windows and the records of API tokens a day old, and
	 * browsers not seen for 30 days (signing in from one again counts as a new browser).
	 */
	@Override
	public List<Erased> expire(Instant now) {
		OffsetDateTime dayAgo = now.minus(THROTTLE_KEPT).atOffset(ZoneOffset.UTC);
		long throttles = expire("sign_in_throttle",
				"last_failure_at < :before and (locked_until is null or locked_until < :before)", dayAgo)
				+ expire("rate_limit", "window_start < :before", dayAgo);
		long devices = expire("known_device", "last_seen_at < :before",
				now.minus(DEVICES_KEPT).atOffset(ZoneOffset.UTC));
		long tokens = expire("oauth2_authorization", "access_token_expires_at < :before", dayAgo);
		return List.of(Erased.erased("identity.throttles", throttles), Erased.erased("identity.devices", devices),
				Erased.erased("identity.api-tokens", tokens));
	}

	/**
	 * Deletes a batch of a table's rows that match (by their physical address: these
	 * tables have keys of different shapes).
	 */
	private long expire(String table, String condition, OffsetDateTime before) {
		return this.jdbc
			.sql("delete from " + table + " where ctid = any(array(select ctid from " + table + " where " + condition
					+ " limit :most))")
			.param("before", before)
			.param("most", EXPIRY_BATCH)
			.update();
	}

}
