package io.concierge.documents;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.TestPropertySource;

import io.concierge.identity.Caller;
import io.concierge.identity.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documents module with the modules it needs: a kept document is announced for the
 * audit trail.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
// the readiness group names the orders module's search index, which is not started here
@TestPropertySource(properties = "management.endpoint.health.group.readiness.include=readinessState")
class DocumentsModuleTests {

	@Autowired
	Documents documents;

	@Test
	void announcesEveryDocumentItKeeps(Scenario scenario) {
		Caller caller = new Caller(UUID.randomUUID(), null, Role.CUSTOMER, Set.of());
		scenario
			.stimulate(() -> this.documents.upload(caller, "module-test@example.com", "192.0.2.1", DocumentKind.GENERAL,
					"note.txt", "kept".getBytes(StandardCharsets.UTF_8)))
			.andWaitForEventOfType(Documents.DocumentStored.class)
			.toArriveAndVerify((event) -> {
				assertThat(event.action()).isEqualTo("documents.document.stored");
				assertThat(event.actor()).isEqualTo("module-test@example.com");
			});
	}

}
