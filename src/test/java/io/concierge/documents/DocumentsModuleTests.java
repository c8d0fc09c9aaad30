package io.concierge.documents;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.TestPropertySource;

import io.concierge.identity.Caller;
import io.concierge.identity.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documents module with the modules it needs, keeping its contents in an S3 bucket (a
 * real S3 server, S3Mock): a kept document is announced for the audit trail, and lies in
 * the bucket encrypted.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
// the readiness group names the orders module's search index, which is not started here
@TestPropertySource(properties = "management.endpoint.health.group.readiness.include=readinessState")
class DocumentsModuleTests {

	@Autowired
	Documents documents;

	@DynamicPropertySource
	static void bucket(DynamicPropertyRegistry properties) {
		S3Server s3 = S3Server.start();
		properties.add("concierge.documents.s3.bucket", () -> S3Server.BUCKET);
		properties.add("concierge.documents.s3.endpoint", () -> s3.endpoint().toString());
		properties.add("concierge.documents.s3.region", () -> "us-east-1");
		properties.add("concierge.documents.s3.access-key", () -> "test");
		properties.add("concierge.documents.s3.secret-key", () -> "test");
		properties.add("concierge.documents.s3.path-style", () -> "true");
	}

	@Test
	void keepsTheContentInTheBucketEncrypted() throws Exception {
		Caller caller = new Caller(UUID.randomUUID(), null, Role.CUSTOMER, Set.of());
		byte[] content = "Invoice 2026-12: 3 mugs, 30.00 EUR, paid.".getBytes(StandardCharsets.UTF_8);

		Documents.DocumentView kept = this.documents.upload(caller, "module-test@example.com", "192.0.2.1",
				DocumentKind.GENERAL, "invoice.txt", content);

		byte[] stored = S3Server.start()
			.client()
			.getObjectAsBytes((get) -> get.bucket(S3Server.BUCKET).key("documents/" + kept.id()))
			.asByteArray();
		assertThat(stored).hasSizeGreaterThan(content.length);
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Invoice");
		try (InputStream opened = this.documents.open(caller, "module-test@example.com", kept.id())
			.content()
			.getInputStream()) {
			assertThat(opened.readAllBytes()).isEqualTo(content);
		}
	}

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
