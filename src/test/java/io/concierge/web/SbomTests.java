package io.concierge.web;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.concierge.IntegrationTest;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The build writes a CycloneDX SBOM of every component into the application, which serves
 * it to the machine itself and staff, as metrics.
 */
@IntegrationTest
class SbomTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void theBuildsComponentsAreListedForTheMachineAndStaffOnly() {
		org.assertj.core.api.Assertions.assertThat(this.mvc.get().uri("/actuator/sbom/application").with((request) -> {
			request.setRemoteAddr("127.0.0.1");
			return request;
		}))
			.hasStatusOk()
			.bodyText()
			.contains("\"bomFormat\"", "CycloneDX", "pkg:maven/org.springframework.boot/spring-boot@",
					"pkg:maven/org.postgresql/postgresql@");
		org.assertj.core.api.Assertions.assertThat(this.mvc.get().uri("/actuator/sbom/application").with((request) -> {
			request.setRemoteAddr("203.0.113.9");
			return request;
		}).with(user("alex.morgan@example.com").roles("CUSTOMER"))).hasStatus(HttpStatus.FORBIDDEN);
	}

}
