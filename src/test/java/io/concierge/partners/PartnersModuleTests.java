package io.concierge.partners;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The partners module with the modules it needs: inviting someone to a partner is
 * announced for the audit trail.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
// the readiness group names the orders module's search index, which is not started here
@TestPropertySource(properties = "management.endpoint.health.group.readiness.include=readinessState")
class PartnersModuleTests {

	@Autowired
	Partners partners;

	@Test
	void anInvitationIsAnnounced(Scenario scenario) {
		String tag = UUID.randomUUID().toString().substring(0, 6);
		Partner vendor = this.partners.create(Partner.Kind.VENDOR, "Module Vendor " + tag, null, "ops", "::1");
		scenario
			.stimulate(() -> this.partners.invite(vendor.id(), "buyer-" + tag + "@vendor.example", "Buyer", "http://x",
					"ops", "::1"))
			.andWaitForEventOfType(Partners.PartnerChanged.class)
			.matching((event) -> event.action().equals("partners.member.invited"))
			.toArriveAndVerify((event) -> assertThat(event.subject()).contains("buyer-" + tag));
	}

}
