package io.concierge;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

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

	private static StandardEnvironment unconfigured() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("given",
					Map.of("spring.datasource.url", "", EmbeddedDatabaseEnvironment.DATA_DIRECTORY,
							"target/test-postgres", EmbeddedDatabaseEnvironment.RESET, "true")));
		return environment;
	}

}
