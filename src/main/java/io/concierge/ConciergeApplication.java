package io.concierge;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

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

	/**
	 * The scheduled jobs' threads: a pool of virtual threads, so that a job that hangs (a
	 * mail server that never answers) holds one thread and not the others. Boot's default
	 * with virtual threads runs every fixed-delay job on one shared thread, one after the
	 * other.
	 */
	@Bean
	ThreadPoolTaskScheduler taskScheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(32);
		scheduler.setThreadFactory(Thread.ofVirtual().name("scheduling-", 0).factory());
		scheduler.setRemoveOnCancelPolicy(true);
		return scheduler;
	}

	public static void main(String[] args) {
		SpringApplication.run(ConciergeApplication.class, args);
	}

}
