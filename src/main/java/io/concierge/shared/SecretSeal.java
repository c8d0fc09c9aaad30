package io.concierge.shared;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Seals the secrets a module must read back (authenticator secrets, signing keys, the
 * secrets webhooks and channels sign with) before they are stored, so that a copy of the
 * database alone gives none of them away. The documents module seals them with its
 * key-encryption keyset, which lives in a file apart from the database.
 *
 * <p>
 * A sealed value is bound to its purpose and row ({@code totp:} and the account's id):
 * copied to another row it no longer opens.
 */
public interface SecretSeal {

	/** How a sealed value begins; a value without it was stored before sealing began. */
	String PREFIX = "sealed:";

	String seal(String secret, String purpose);

	/**
	 * The secret; a value stored before sealing began is returned as it is, until
	 * {@link #sealStored} seals it.
	 * @throws IllegalStateException when the value was sealed for another purpose or with
	 * a keyset that is gone
	 */
	String open(String stored, String purpose);

	static boolean sealed(@Nullable String stored) {
		return stored != null && stored.startsWith(PREFIX);
	}

	/**
	 * Seals the values of a column stored before sealing began, each bound to
	 * {@code purpose} and its row's key. The names are the module's own constants, never
	 * input.
	 * @return how many were sealed
	 */
	default int sealStored(JdbcClient jdbc, String table, String key, String column, String purpose) {
		for (String name : new String[] { table, key, column }) {
			if (!name.matches("[a-z0-9_]+")) {
				throw new IllegalArgumentException("Not a column or table name: " + name);
			}
		}
		record Stored(String key, String value) {
		}
		int sealed = 0;
		for (Stored row : jdbc
			.sql("select " + key + "::text as key, " + column + " as value from " + table + " where " + column
					+ " is not null and left(" + column + ", ?) <> ?")
			.params(PREFIX.length(), PREFIX)
			.query((rs, n) -> new Stored(rs.getString("key"), rs.getString("value")))
			.list()) {
			sealed += jdbc
				.sql("update " + table + " set " + column + " = ? where " + key + "::text = ? and " + column + " = ?")
				.params(seal(row.value(), purpose + row.key()), row.key(), row.value())
				.update();
		}
		return sealed;
	}

}
