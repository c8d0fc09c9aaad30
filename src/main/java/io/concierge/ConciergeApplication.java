package io.concierge;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Concierge: a self-service customer portal and order hub.
 */
@SpringBootApplication
@Modulithic(sharedModules = "shared")
@EnableAsync
@EnableScheduling
public class ConciergeApplication {

	/**
	 * Time, injected so that tests can move it.
	 */
	@Bean
	Clock clock() {
		return Clock.systemDefaultZone();
	}

	public static void main(String[] args) {
		SpringApplication.run(ConciergeApplication.class, args);
	}

}
