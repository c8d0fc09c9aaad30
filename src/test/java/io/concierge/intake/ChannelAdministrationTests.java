package io.concierge.intake;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.concierge.IntegrationTest;
import io.concierge.identity.Accounts;
import io.concierge.identity.Role;
import io.concierge.identity.TestLogins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The channels page: only administrators, a clear refusal of settings a channel cannot
 * have, and channels from configuration left alone.
 */
@IntegrationTest
class ChannelAdministrationTests {

	private static final String PAGE = "/admin/intake-channels";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	IntakeChannels channels;

	@Test
	void listsEveryChannelForAdministratorsOnly() {
		assertThat(this.mvc.get().uri(PAGE).with(user("admin@example.com").roles("ADMINISTRATOR"))).hasStatusOk()
			.bodyText()
			.contains("test-checked")
			.contains("Unknown SKU: hold for review");
		assertThat(this.mvc.get().uri(PAGE).with(user("ops@example.com").roles("OPERATIONS"))).hasStatus(403);
	}

	@Test
	void settingsAChannelCannotHaveAreRefusedWithEachReasonAndNothingIsStored(@Autowired Accounts accounts) {
		String admin = TestLogins.staffWithoutSecondFactor(accounts, Role.ADMINISTRATOR).email();
		String key = "bad-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(this.mvc.post()
			.uri(PAGE)
			.param("key", key)
			.param("format", "AMAZON")
			.param("priority", "high")
			.param("maxBacklog", "0")
			.param("maxQuantity", "10")
			.param("maxTotal", "-5")
			.param("currencies", "EUR, EURO")
			.param("rule-TOTAL", "REJECT")
			.with(user(admin).roles("ADMINISTRATOR"))
			.with(csrf())).hasStatus3xxRedirection()
			.flash()
			.hasEntrySatisfying("problems",
					(problems) -> assertThat(problems.toString()).contains("The priority is a whole number."));
		assertThat(this.mvc.post()
			.uri(PAGE)
			.param("key", key)
			.param("format", "AMAZON")
			.param("priority", "5")
			.param("maxBacklog", "0")
			.param("maxQuantity", "10")
			.param("maxTotal", "-5")
			.param("currencies", "EUR, EURO")
			.param("rule-TOTAL", "REJECT")
			.with(user(admin).roles("ADMINISTRATOR"))
			.with(csrf())).flash()
			.hasEntrySatisfying("problems",
					(problems) -> assertThat(problems.toString()).contains("Choose a format a sender posts")
						.contains("At most 1 to 1,000,000 submissions may wait.")
						.contains("Limits are amounts above 0")
						.contains("Not ISO 4217 currency codes: EURO."));
		assertThat(this.channels.find(key)).isEmpty();
	}

	@Test
	void aChannelFromConfigurationCannotBeChangedOnThePage() {
		assertThat(this.mvc.get().uri(PAGE + "/test-checked").with(user("admin@example.com").roles("ADMINISTRATOR")))
			.hasStatus(404);
		assertThat(this.mvc.post()
			.uri(PAGE + "/test-checked/remove")
			.with(user("admin@example.com").roles("ADMINISTRATOR"))
			.with(csrf())).hasStatus(404);
		assertThat(this.channels.find("test-checked")).isPresent();
	}

	@Test
	void aCsvChannelsOwnColumnNamesAreKeptOnItsPageAndReadItsBatches(@Autowired Accounts accounts,
			@Autowired ChannelAdministration administration) {
		String admin = TestLogins.staffWithoutSecondFactor(accounts, Role.ADMINISTRATOR).email();
		String key = "erp-" + UUID.randomUUID().toString().substring(0, 8);
		String secret = administration.create(key, new ChannelAdministration.Settings(Format.CSV, null, 5, 100,
				java.util.Map.of(), java.util.Set.of(), null, 1000, null, CsvColumns.Mapping.NONE), admin, "127.0.0.1");

		assertThat(this.mvc.post()
			.uri(PAGE + "/" + key)
			.param("format", "CSV")
			.param("priority", "5")
			.param("maxBacklog", "100")
			.param("maxQuantity", "1000")
			.param("csvColumns", "Belegnummer = order_reference\nartikelnummer = sku\nfarbe = colour")
			.with(user(admin).roles("ADMINISTRATOR"))
			.with(csrf())).flash()
			.hasEntrySatisfying("problems", (problems) -> assertThat(problems.toString())
				.contains("Column line 3: colour is not one of Concierge's columns."));
		assertThat(this.mvc.post()
			.uri(PAGE + "/" + key)
			.param("format", "CSV")
			.param("priority", "5")
			.param("maxBacklog", "100")
			.param("maxQuantity", "1000")
			.param("csvColumns", "Belegnummer = order_reference\nartikelnummer = sku")
			.with(user(admin).roles("ADMINISTRATOR"))
			.with(csrf())).hasRedirectedUrl(PAGE);
		assertThat(this.mvc.get().uri(PAGE + "/" + key).with(user(admin).roles("ADMINISTRATOR"))).bodyText()
			.contains("artikelnummer = sku\nbelegnummer = order_reference");

		String reference = "B-" + UUID.randomUUID().toString().substring(0, 8);
		byte[] csv = ("belegnummer,order_date,currency,artikelnummer,description,qty,price,email\r\n" + reference
				+ ",2026-11-20,EUR,MUG-01,Becher,1,9.90,erp.buyer@example.com\r\n")
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(this.mvc.post()
			.uri("/api/intake/" + key)
			.contentType(org.springframework.http.MediaType.valueOf("text/csv"))
			.content(csv)
			.header("X-Concierge-Hmac-Sha256", IntakeApiTests.sign(csv, secret))).hasStatus(202)
			.bodyJson()
			.extractingPath("$.orders[0].state")
			.isEqualTo("RECEIVED");
	}

}
