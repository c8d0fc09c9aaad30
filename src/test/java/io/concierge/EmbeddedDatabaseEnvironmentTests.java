package io.concierge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EmbeddedDatabaseEnvironmentTests {

	@Test
	void leavesAConfiguredDatabaseAlone() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("given",
					Map.of("spring.datasource.url", "jdbc:postgresql://db.internal:5432/concierge")));
		new EmbeddedDatabaseEnvironment(new DeferredLogs()).postProcessEnvironment(environment,
				new SpringApplication());
		assertThat(environment.getProperty("spring.datasource.url"))
			.isEqualTo("jdbc:postgresql://db.internal:5432/concierge");
		assertThat(environment.containsProperty(EmbeddedDatabaseEnvironment.ACTIVE)).isFalse();
	}

	@Test
	void pointsAnUnconfiguredApplicationAtTheOneEmbeddedServerOfThisJvm() {
		StandardEnvironment first = unconfigured();
		StandardEnvironment second = unconfigured();
		new EmbeddedDatabaseEnvironment(new DeferredLogs()).postProcessEnvironment(first, new SpringApplication());
		new EmbeddedDatabaseEnvironment(new DeferredLogs()).postProcessEnvironment(second, new SpringApplication());
		assertThat(first.getProperty("spring.datasource.url")).startsWith("jdbc:postgresql://localhost:")
			.isEqualTo(second.getProperty("spring.datasource.url"));
		assertThat(first.getProperty(EmbeddedDatabaseEnvironment.ACTIVE, Boolean.class)).isTrue();
	}

	@Test
	void theEmbeddedServerRefusesEveryConnectionWithoutItsPassword() throws SQLException {
		StandardEnvironment environment = unconfigured();
		new EmbeddedDatabaseEnvironment(new DeferredLogs()).postProcessEnvironment(environment,
				new SpringApplication());
		String url = environment.getProperty("spring.datasource.url");
		String password = environment.getProperty("spring.datasource.password");

		assertThat(password).hasSize(64);
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> DriverManager.getConnection(url, "postgres", "").close())
			.withMessageContaining("password");
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> DriverManager.getConnection(url, "postgres", "not-" + password).close())
			.withMessageContaining("password authentication failed");
		try (Connection connection = DriverManager.getConnection(url, "postgres", password)) {
			assertThat(connection.isValid(1)).isTrue();
		}
	}

	@Test
	void thePasswordIsMadeOnceAndReadableByItsOwnerOnly(@TempDir Path directory) throws IOException {
		Path data = directory.resolve("postgres");
		String password = EmbeddedDatabaseEnvironment.password(data);

		assertThat(EmbeddedDatabaseEnvironment.password(data)).isEqualTo(password).matches("[0-9a-f]{64}");
		assertThat(Files.getPosixFilePermissions(directory.resolve("postgres.password")))
			.containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
		assertThat(EmbeddedDatabaseEnvironment.password(directory.resolve("other"))).isNotEqualTo(password);
	}

	@Test
	void aDataDirectoryWhosePasswordIsLostSaysHowToGoOn(@TempDir Path directory) throws IOException {
		Path data = Files.createDirectories(directory.resolve("postgres"));
		Files.writeString(data.resolve("pg_hba.conf"), "host all all 127.0.0.1/32 scram-sha-256\n");

		assertThatIllegalStateException().isThrownBy(() -> EmbeddedDatabaseEnvironment.password(data))
			.withMessageContaining("postgres.password, which is gone: restore it, or reset the data directory");
		assertThat(directory.resolve("postgres.password")).doesNotExist();
	}

	private static StandardEnvironment unconfigured() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("given",
					Map.of("spring.datasource.url", "", EmbeddedDatabaseEnvironment.DATA_DIRECTORY,
							"target/test-postgres", EmbeddedDatabaseEnvironment.RESET, "true")));
		return environment;
	}

}
