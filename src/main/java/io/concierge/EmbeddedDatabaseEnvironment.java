package io.concierge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
 */
public final class EmbeddedDatabaseEnvironment implements EnvironmentPostProcessor, Ordered {

	static final String DATA_DIRECTORY = "concierge.database.embedded.data-directory";

	static final String RESET = "concierge.database.embedded.reset";

	static final String ACTIVE = "concierge.database.embedded.active";

	private static @Nullable EmbeddedPostgres server;

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
				"spring.datasource.username", "postgres", "spring.datasource.password", "", ACTIVE, true);
		environment.getPropertySources().addFirst(new MapPropertySource("embeddedPostgres", properties));
	}

	private static synchronized EmbeddedPostgres start(ConfigurableEnvironment environment, Log log) {
		if (server == null) {
			Path directory = Path.of(environment.getProperty(DATA_DIRECTORY, "data/postgres")).toAbsolutePath();
			if (environment.getProperty(RESET, Boolean.class, false)) {
				deleteRecursively(directory);
			}
			server = startIn(directory);
			// after every application context has closed, so no pool talks to a stopped
			// server
			SpringApplication.getShutdownHandlers().add(EmbeddedDatabaseEnvironment::stop);
			log.info("Embedded PostgreSQL listens on port " + server.getPort() + ", data in " + directory);
		}
		return server;
	}

	private static EmbeddedPostgres startIn(Path directory) {
		try {
			return EmbeddedPostgres.builder()
				.setDataDirectory(directory)
				.setCleanDataDirectory(false)
				.setRegisterShutdownHook(false)
				.setServerConfig("max_connections", "200")
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The embedded PostgreSQL could not start in " + directory, ex);
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
