package io.concierge.privacy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.concierge.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With {@code CONCIERGE_DATABASE_RUNTIME_ROLE}, each migration leaves that role able to
 * read and write rows and nothing more: it cannot change the audit trail's past, drop its
 * append-only trigger, make tables or rewrite Flyway's history.
 */
@IntegrationTest
class LeastPrivilegeTests {

	@Autowired
	private DataSource dataSource;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void theRuntimeRoleReadsAndWritesRowsButCannotChangeTheSchemaOrTheAuditTrailsPast() throws SQLException {
		String role = "runtime_" + UUID.randomUUID().toString().substring(0, 8);
		String password = UUID.randomUUID().toString();
		this.jdbc.sql("create role " + role + " login password '" + password + "'").update();
		String url;
		try (Connection owner = this.dataSource.getConnection()) {
			// without its parameters, which name the owner
			url = owner.getMetaData().getURL().replaceFirst("\\?.*$", "");
		}
		Flyway.configure()
			.dataSource(this.dataSource)
			.locations("classpath:db/migration")
			.placeholders(Map.of("runtime_role", role))
			.load()
			.migrate();

		try (Connection connection = DriverManager.getConnection(url, role, password);
				Statement statement = connection.createStatement()) {
			assertThat(statement.executeQuery("select count(*) from audit_entry").next()).isTrue();
			statement.executeUpdate("insert into rate_limit (key, window_start, hits) values ('" + role
					+ "', now(), 1) on conflict (key) do update set hits = rate_limit.hits + 1");
			statement.executeUpdate("delete from rate_limit where key = '" + role + "'");

			assertRefused(statement, "delete from audit_entry where sequence = 1");
			// an erasure pseudonymises the personal fields, which the trigger allows
			// alone
			statement.executeUpdate("update audit_entry set actor = actor, origin = origin, subject = subject,"
					+ " salt = salt where false");
			assertThatThrownBy(() -> statement.execute("update audit_entry set actor = 'nobody' where sequence = 1"))
				.isInstanceOf(SQLException.class);
			assertRefused(statement, "update audit_entry set action = 'nothing' where sequence = 1");
			assertRefused(statement, "drop trigger audit_entry_no_update_or_delete on audit_entry");
			assertRefused(statement, "alter table audit_entry disable trigger all");
			assertRefused(statement, "create table " + role + "_own (id int)");
			assertRefused(statement, "delete from flyway_schema_history");
		}
	}

	private static void assertRefused(Statement statement, String sql) {
		assertThatThrownBy(() -> statement.execute(sql)).as(sql)
			.isInstanceOfSatisfying(SQLException.class,
					(ex) -> assertThat(ex.getSQLState()).as(ex.getMessage()).isEqualTo("42501"));
	}

}
