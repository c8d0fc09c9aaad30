package io.concierge.identity;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.stereotype.Component;

/**
 * WebAuthn's view of an account: its random user handle, its email as the name and its
 * display name, read from the account itself so a changed email needs no copy kept in
 * step.
 */
@Component
class PasskeyUsers implements PublicKeyCredentialUserEntityRepository {

	private static final String SELECT = "select passkey_user_id, email, display_name from account where ";

	private final JdbcClient jdbc;

	PasskeyUsers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public @Nullable PublicKeyCredentialUserEntity findById(Bytes id) {
		return this.jdbc.sql(SELECT + "passkey_user_id = ?")
			.param(id.toBase64UrlString())
			.query((row, number) -> entity(row.getString(1), row.getString(2), row.getString(3)))
			.optional()
			.orElse(null);
	}

	@Override
	public @Nullable PublicKeyCredentialUserEntity findByUsername(String username) {
		return this.jdbc.sql(SELECT + "email = lower(?) and passkey_user_id is not null")
			.param(username)
			.query((row, number) -> entity(row.getString(1), row.getString(2), row.getString(3)))
			.optional()
			.orElse(null);
	}

	@Override
	public void save(PublicKeyCredentialUserEntity userEntity) {
		this.jdbc.sql("update account set passkey_user_id = ? where email = lower(?) and passkey_user_id is null")
			.params(userEntity.getId().toBase64UrlString(), userEntity.getName())
			.update();
	}

	@Override
	public void delete(Bytes id) {
		this.jdbc.sql("update account set passkey_user_id = null where passkey_user_id = ?")
			.param(id.toBase64UrlString())
			.update();
	}

	private static PublicKeyCredentialUserEntity entity(String id, String email, String displayName) {
		return ImmutablePublicKeyCredentialUserEntity.builder()
			.id(Bytes.fromBase64(id))
			.name(email)
			.displayName(displayName)
			.build();
	}

}
