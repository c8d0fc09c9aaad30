package io.concierge;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.TaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application's scheduler keeps its jobs apart: one fixed-delay job that hangs (the
 * mail delivery on a server that never answers) does not hold the others (the webhooks'
 * poll, the intake folders, the retention run).
 */
@IntegrationTest
class SchedulingFaultTests {

	@Autowired
	TaskScheduler scheduler;

	@Autowired
	org.springframework.context.ApplicationContext context;

	@Test
	void asynchronousListenersKeepAnExecutorOfTheirOwn() {
		assertThat(this.context.getBean("applicationTaskExecutor")).isNotSameAs(this.scheduler);
	}

	@Test
	void aHungFixedDelayJobHoldsNoOtherJob() throws Exception {
		CountDownLatch hung = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger otherRuns = new AtomicInteger();
		ScheduledFuture<?> hanging = this.scheduler.scheduleWithFixedDelay(() -> {
			hung.countDown();
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, Duration.ofMillis(50));
		ScheduledFuture<?> other = null;
		try {
			assertThat(hung.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			other = this.scheduler.scheduleWithFixedDelay(otherRuns::incrementAndGet, Duration.ofMillis(50));
			await().atMost(Duration.ofSeconds(10)).until(() -> otherRuns.get() >= 5);
		}
		finally {
			release.countDown();
			hanging.cancel(true);
			if (other != null) {
				other.cancel(true);
			}
		}
	}

}
