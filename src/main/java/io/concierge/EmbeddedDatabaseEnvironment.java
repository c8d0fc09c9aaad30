package io.concierge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.FileSystemUtils;
import org.springframework.util.StringUtils;

/**
 * Starts an embedded PostgreSQL when no database is configured, so that one command runs
 * the whole product. The server is one per JVM: every Spring context (tests build
 * several) shares it. Its data directory survives restarts unless a reset is asked for.
 * It trusts no one: its superuser has a password made on first start and kept beside the
 * data directory ({@code data/postgres.password}, readable by the owner only), and every
 * connection, local socket included, must give it.
 */
public final class EmbeddedDatabaseEnvironment implements EnvironmentPostProcessor, Ordered {

	static final String DATA_DIRECTORY = "concierge.database.embedded.data-directory";

	static final String RESET = "concierge.database.embedded.reset";

	static final String ACTIVE = "concierge.database.embedded.active";

	private static @Nullable EmbeddedPostgres server;

	private static String serverPassword = "";

	private final Log log;

	public EmbeddedDatabaseEnvironment(DeferredLogFactory logFactory) {
		this.log = logFactory.getLog(EmbeddedDatabaseEnvironment.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
			return;
		}
		EmbeddedPostgres postgres = start(environment, this.log);
		Map<String, Object> properties = Map.of("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"),
				"spring.datasource.username", "postgres", "spring.datasource.password", serverPassword, ACTIVE, true);
		environment.getPropertySources().addFirst(new MapPropertySource("embeddedPostgres", properties));
	}

	private static synchronized EmbeddedPostgres start(ConfigurableEnvironment environment, Log log) {
		if (server == null) {
			Path directory = Path.of(environment.getProperty(DATA_DIRECTORY, "data/postgres")).toAbsolutePath();
			if (environment.getProperty(RESET, Boolean.class, false)) {
				deleteRecursively(directory);
				deleteRecursively(passwordFile(directory));
			}
			serverPassword = password(directory);
			server = startIn(directory, serverPassword);
			requirePassword(server, directory, serverPassword);
			// after every application context has closed, so no pool talks to a stopped
			// server
			SpringApplication.getShutdownHandlers().add(EmbeddedDatabaseEnvironment::stop);
			log.info("Embedded PostgreSQL listens on port " + server.getPort() + ", data in " + directory
					+ ", the password of its user postgres in " + passwordFile(directory));
		}
		return server;
	}

	private static EmbeddedPostgres startIn(Path directory, String password) {
		try {
			return EmbeddedPostgres.builder()
				.setDataDirectory(directory)
				.setCleanDataDirectory(false)
				.setRegisterShutdownHook(false)
				.setServerConfig("max_connections", "200")
				.setConnectConfig("password", password)
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The embedded PostgreSQL could not start in " + directory, ex);
		}
	}

	/**
	 * The superuser's password, made on first start: 256 random bits in a file of its own
	 * beside the data directory (initdb wants the directory empty).
	 */
	static String password(Path directory) {
		Path file = passwordFile(directory);
		Path rules = directory.resolve("pg_hba.conf");
		try {
			if (!Files.exists(file) && Files.exists(rules) && !Files.readString(rules).contains("trust")) {
				throw new IllegalStateException(
						"The embedded database in " + directory + " asks for the password that was kept in " + file
								+ ", which is gone: restore it, or reset the data directory");
			}
			if (Files.exists(file)) {
				String kept = Files.readString(file).strip();
				if (!kept.matches("[0-9a-f]{64}")) {
					throw new IllegalStateException("The embedded database's password in " + file
							+ " is not one Concierge made: restore it, or reset the data directory");
				}
				return kept;
			}
			Files.createDirectories(file.getParent());
			byte[] random = new byte[32];
			new SecureRandom().nextBytes(random);
			String password = HexFormat.of().formatHex(random);
			Path temporary = Files.createTempFile(file.getParent(), ".password", ".tmp");
			try {
				Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system: its own access rules apply
			}
			Files.writeString(temporary, password);
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
			return password;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The embedded database's password cannot be kept at " + file, ex);
		}
	}

	static Path passwordFile(Path directory) {
		return directory.resolveSibling(directory.getFileName() + ".password");
	}

	/**
	 * A data directory made by initdb trusts every local connection: this gives the
	 * superuser its password and makes every connection give it (SCRAM), once.
	 */
	private static void requirePassword(EmbeddedPostgres postgres, Path directory, String password) {
		Path rules = directory.resolve("pg_hba.conf");
		try {
			if (!Files.readString(rules).contains("trust")) {
				return;
			}
			try (Connection connection = postgres.getPostgresDatabase().getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("set password_encryption = 'scram-sha-256'");
				statement.execute("alter role postgres password '" + password + "'");
				Files.writeString(rules, """
						# made by Concierge: every connection gives the superuser's password
						local   all          all                 scram-sha-256
						host    all          all  127.0.0.1/32   scram-sha-256
						host    all          all  ::1/128        scram-sha-256
						local   replication  all                 scram-sha-256
						host    replication  all  127.0.0.1/32   scram-sha-256
						host    replication  all  ::1/128        scram-sha-256
						""");
				statement.execute("select pg_reload_conf()");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The embedded database's access rules cannot be written", ex);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("The embedded database's superuser cannot be given a password", ex);
		}
	}

	private static void deleteRecursively(Path directory) {
		try {
			FileSystemUtils.deleteRecursively(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not reset the embedded database in " + directory, ex);
		}
	}

	private static synchronized void stop() {
		if (server != null) {
			try {
				server.close();
			}
			catch (IOException ex) {
				// the JVM is going down; PostgreSQL recovers from an unclean stop at its
				// next start
			}
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
