package io.concierge.privacy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.TestPropertySource;

import io.concierge.shared.AuditableEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The privacy module on its own: any module's auditable event ends up in the trail.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
// the readiness group names the orders module's search index, which is not started here
@TestPropertySource(properties = "management.endpoint.health.group.readiness.include=readinessState")
class PrivacyModuleTests {

	@Autowired
	AuditTrail trail;

	@Test
	void recordsAuditableEventsPublishedByOtherModules(Scenario scenario) {
		Instant when = Instant.parse("2026-11-22T09:30:00.123456Z");
		scenario.publish(new OrderLooked("module-test@example.com", when))
			.andWaitForStateChange(
					() -> this.trail.search(new AuditQuery("module-test@example.com", null, 5)).entries(),
					(entries) -> !entries.isEmpty())
			.andVerify((entries) -> {
				AuditEntry entry = entries.getFirst();
				assertThat(entry.action()).isEqualTo("orders.order.viewed");
				assertThat(entry.subject()).isEqualTo("order 1001");
				assertThat(entry.occurredAt()).isEqualTo(when);
			});
	}

	record OrderLooked(String actor, Instant occurredAt) implements AuditableEvent {

		@Override
		public String action() {
			return "orders.order.viewed";
		}

		@Override
		public String subject() {
			return "order 1001";
		}

		@Override
		public String origin() {
			return "192.0.2.1";
		}

	}

}
