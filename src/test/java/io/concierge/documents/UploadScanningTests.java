package io.concierge.documents;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.concierge.IntegrationTest;
import io.concierge.identity.Accounts;
import io.concierge.identity.Role;
import io.concierge.identity.TestLogins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Without a malware scanner only the demo starts, or a deployment that switched scanning
 * off on purpose; either way the administrators and the health endpoint say so.
 */
@IntegrationTest
class UploadScanningTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private Accounts accounts;

	@Test
	void withoutAScannerOnlyTheDemoOrAnAdministratorsExplicitOffStarts() {
		assertThatThrownBy(() -> UploadScanning.require(false, null, false)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("CONCIERGE_DOCUMENTS_CLAMD")
			.hasMessageContaining("CONCIERGE_DOCUMENTS_SCANNING=off");
		assertThatThrownBy(() -> UploadScanning.require(false, "on", false)).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> UploadScanning.require(false, "no", false)).hasMessageContaining("must be on or off");
		assertThatCode(() -> UploadScanning.require(false, "off", false)).doesNotThrowAnyException();
		assertThatCode(() -> UploadScanning.require(false, " OFF ", false)).doesNotThrowAnyException();
		assertThatCode(() -> UploadScanning.require(false, null, true)).doesNotThrowAnyException();
		assertThatCode(() -> UploadScanning.require(true, null, false)).doesNotThrowAnyException();
	}

	@Test
	void unscannedUploadsAreShownOnTheDocumentsPageAndInHealthDetailsForStaff() {
		// the tests' demo has no clamd
		String admin = TestLogins.staffWithoutSecondFactor(this.accounts, Role.ADMINISTRATOR).email();
		assertThat(this.mvc.get().uri("/admin/documents").with(user(admin).roles("ADMINISTRATOR"))).hasStatusOk()
			.bodyText()
			.contains("Uploads are not scanned for malware.");

		assertThat(this.mvc.get().uri("/actuator/health").with(user(admin).roles("ADMINISTRATOR"))).bodyJson()
			.extractingPath("$.components.uploadScanning.details.scanner")
			.isEqualTo("none: uploads are not scanned");
		assertThat(this.mvc.get().uri("/actuator/health").with(user("customer@example.com").roles("CUSTOMER")))
			.bodyText()
			.doesNotContain("uploadScanning")
			.doesNotContain("not scanned");
		assertThat(this.mvc.get().uri("/actuator/health")).bodyText().doesNotContain("uploadScanning");
	}

}
