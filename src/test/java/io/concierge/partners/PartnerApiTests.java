package io.concierge.partners;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.concierge.IntegrationTest;
import io.concierge.identity.Accounts;
import io.concierge.identity.ApiClients;
import io.concierge.identity.ApiKeys;
import io.concierge.identity.TestLogins;
import io.concierge.orders.DeliveryStage;
import io.concierge.orders.FulfilmentUpdate;
import io.concierge.orders.LineStatus;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.Orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * A partner's own systems call the partner APIs with an OAuth client's token or an API
 * key of the partner scope, made by the partner's people at /partner/api: each acts only
 * for its partner, one made for no partner is refused, a revoked one stops at once.
 */
@IntegrationTest
class PartnerApiTests {

	@Autowired
	Partners partners;

	@Autowired
	PartnerCredentials credentials;

	@Autowired
	CarrierShipments shipments;

	@Autowired
	OrderManagement orders;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiKeys keys;

	@Autowired
	ApiClients clients;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvcTester mvc;

	@Test
	void aCarriersSystemReportsAParcelWithATokenOfThePartnerScopeUntilItsClientIsRevoked() throws Exception {
		Carrier f = carrier();
		ApiClients.Credentials tms = this.credentials.createClient(f.carrier(), "Carrier TMS", f.driver(), "::1");
		String token = token(tms);

		assertThat(report(token, f.tracking(), "IN_TRANSIT")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.stage")
			.isEqualTo("IN_TRANSIT");
		assertThat(this.orders.details(f.number()).shipments().getFirst().stage()).isEqualTo(DeliveryStage.IN_TRANSIT);
		assertThat(report(token, f.tracking(), "TELEPORTED")).hasStatus(422)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);

		assertThat(this.credentials.list(f.carrier())).singleElement().satisfies((credential) -> {
			assertThat(credential.kind()).isEqualTo(PartnerCredentials.Kind.CLIENT);
			assertThat(credential.shown()).isEqualTo(tms.clientId());
			assertThat(credential.createdBy()).isEqualTo(f.driver());
		});
		assertThat(this.mvc.get()
			.uri("/operations/partners")
			.with(user("operations@concierge.example").roles("OPERATIONS")))
			.as("operations sees which systems act for the partner")
			.hasStatusOk()
			.bodyText()
			.contains(tms.clientId(), "Carrier TMS");
		Carrier other = carrier();
		assertThat(this.credentials.revoke(other.carrier(), UUID.fromString(tms.id()), other.driver(), "::1"))
			.as("another carrier cannot revoke it")
			.isFalse();
		assertThat(this.credentials.revoke(f.carrier(), UUID.fromString(tms.id()), f.driver(), "::1")).isTrue();
		assertThat(report(token, f.tracking(), "OUT_FOR_DELIVERY")).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(this.credentials.list(f.carrier())).isEmpty();
	}

	@Test
	void aVendorsSystemPutsStockWithAnApiKeyUntilItIsRevoked() {
		String tag = tag();
		Partner vendor = this.partners.create(Partner.Kind.VENDOR, "Vendor " + tag, null, "ops", "::1");
		String key = this.credentials.createKey(vendor, "Vendor ERP", "buyer@vendor.example", "::1");
		String stock = """
				[{"sku": "PA-%s", "location": "Berlin", "quantity": 7}]""".formatted(tag);

		assertThat(putStock(key, stock)).hasStatusOk().bodyJson().extractingPath("$.changed").isEqualTo(1);

		PartnerCredentials.Credential listed = this.credentials.list(vendor).getFirst();
		assertThat(listed.kind()).isEqualTo(PartnerCredentials.Kind.KEY);
		assertThat(listed.lastUsedAt()).isNotNull();
		assertThat(this.credentials.revoke(vendor, listed.id(), "buyer@vendor.example", "::1")).isTrue();
		assertThat(putStock(key, stock)).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.credentials.list(vendor)).singleElement()
			.satisfies((credential) -> assertThat(credential.isRevoked()).isTrue());
	}

	@Test
	void aCredentialActsOnlyForItsPartnerAndOneOfNoPartnerIsRefused() throws Exception {
		Carrier f = carrier();
		Carrier other = carrier();
		Partner vendor = this.partners.create(Partner.Kind.VENDOR, "Vendor " + tag(), null, "ops", "::1");

		String othersToken = token(this.credentials.createClient(other.carrier(), "Other TMS", other.driver(), "::1"));
		assertThat(report(othersToken, f.tracking(), "DELIVERED")).as("another carrier's parcel")
			.hasStatus(HttpStatus.NOT_FOUND)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		String vendorsKey = this.credentials.createKey(vendor, "Vendor ERP", "buyer@vendor.example", "::1");
		assertThat(report(vendorsKey, f.tracking(), "DELIVERED")).as("a vendor's key on a carrier's parcel")
			.hasStatus(HttpStatus.NOT_FOUND);
		assertThat(putStock(othersToken, "[]")).as("a carrier's token on a vendor's stock")
			.hasStatus(HttpStatus.NOT_FOUND);
		assertThat(this.orders.details(f.number()).shipments().getFirst().stage()).isNull();

		String nobodys = this.keys.create("Partner of nobody", Set.of(ApiKeys.PARTNER), "admin", "::1");
		assertThat(report(nobodys, f.tracking(), "DELIVERED")).hasStatus(HttpStatus.FORBIDDEN)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(putStock(nobodys, "[]")).hasStatus(HttpStatus.FORBIDDEN)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		String fulfilment = this.keys.create("Warehouse", Set.of(ApiKeys.FULFILMENT), "admin", "::1");
		assertThat(report(fulfilment, f.tracking(), "DELIVERED")).as("a key without the partner scope")
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.orders.details(f.number()).shipments().getFirst().stage()).isNull();
	}

	@Test
	void aPartnersPeopleMakeAndRevokeTheirOwnCredentialsOnThePage() {
		Carrier f = carrier();
		Carrier other = carrier();
		assertThat(this.mvc.post()
			.uri("/partner/api/keys")
			.param("name", "Depot scanner")
			.with(user(f.driver()).roles("PARTNER"))
			.with(csrf())).hasRedirectedUrl("/partner/api").flash().containsKey("newKey");
		assertThat(this.mvc.post()
			.uri("/partner/api/clients")
			.param("name", "Carrier TMS")
			.with(user(f.driver()).roles("PARTNER"))
			.with(csrf())).hasRedirectedUrl("/partner/api").flash().containsKeys("newClientId", "newClientSecret");
		List<PartnerCredentials.Credential> made = this.credentials.list(f.carrier());
		assertThat(made).extracting(PartnerCredentials.Credential::name)
			.containsExactlyInAnyOrder("Depot scanner", "Carrier TMS");

		assertThat(this.mvc.get().uri("/partner/api").with(user(f.driver()).roles("PARTNER"))).hasStatusOk()
			.bodyText()
			.contains("Depot scanner", "Carrier TMS", "Make an OAuth client (recommended)");
		assertThat(this.mvc.get().uri("/partner/api").with(user(other.driver()).roles("PARTNER"))).hasStatusOk()
			.bodyText()
			.doesNotContain("Depot scanner");
		assertThat(this.mvc.post()
			.uri("/partner/api/{id}/revoke", made.getFirst().id())
			.with(user(other.driver()).roles("PARTNER"))
			.with(csrf())).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(this.mvc.post()
			.uri("/partner/api/{id}/revoke", made.getFirst().id())
			.with(user(f.driver()).roles("PARTNER"))
			.with(csrf())).hasRedirectedUrl("/partner/api");
		assertThat(this.mvc.get()
			.uri("/partner/api")
			.with(user(TestLogins.customer(this.accounts).email()).roles("CUSTOMER"))).hasStatus(HttpStatus.FORBIDDEN);
	}

	@Test
	void thePartnerApisAreDescribedInOpenApi() {
		assertThat(this.mvc.get().uri("/v3/api-docs")).hasStatusOk().bodyJson().satisfies((json) -> {
			assertThat(json).extractingPath("$.paths['/api/partner/shipments/{trackingNumber}/events'].post.summary")
				.isEqualTo("Report a parcel's stage");
			assertThat(json).extractingPath("$.paths['/api/partner/stock'].put.summary")
				.isEqualTo("Report a vendor's stock levels");
			assertThat(json).extractingPath("$.components.securitySchemes.partnerClient.type").isEqualTo("oauth2");
		});
	}

	record Carrier(Partner carrier, String driver, String number, String tracking) {

	}

	/**
	 * A carrier with one of its people and a parcel shipped with its name, as in
	 * {@link CarrierTests}.
	 */
	private Carrier carrier() {
		String tag = tag();
		Partner carrier = this.partners.create(Partner.Kind.CARRIER, "Carrier " + tag, "pa-" + tag, "ops", "::1");
		String driver = TestLogins.partner(this.accounts).email();
		CarrierTests.join(this.jdbc, driver, carrier);
		Instant shippedAt = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
		String number = this.orders
			.place(Orders.of(null, null, shippedAt.minus(Duration.ofDays(1)), "MUG-01", "Stoneware mug"));
		String tracking = "PA" + tag.toUpperCase();
		this.orders.apply(new FulfilmentUpdate(number, LineStatus.SHIPPED, shippedAt, List.of(), "pa-" + tag, null,
				tracking, null, null));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.shipments.find(carrier, tracking).isPresent());
		return new Carrier(carrier, driver, number, tracking);
	}

	private static String tag() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	private String token(ApiClients.Credentials client) throws Exception {
		MvcTestResult issued = this.mvc.post()
			.uri("/oauth2/token")
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString((client.clientId() + ":" + client.clientSecret()).getBytes()))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("grant_type=client_credentials&scope=partner")
			.exchange();
		assertThat(issued).hasStatusOk();
		return issued.getResponse().getContentAsString().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
	}

	private MvcTestResult report(String bearer, String tracking, String stage) {
		return this.mvc.post()
			.uri("/api/partner/shipments/{t}/events", tracking)
			.header("Authorization", "Bearer " + bearer)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"stage\": \"" + stage + "\", \"location\": \"Leipzig, DE\"}")
			.exchange();
	}

	private MvcTestResult putStock(String bearer, String json) {
		return this.mvc.put()
			.uri("/api/partner/stock")
			.header("Authorization", "Bearer " + bearer)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json)
			.exchange();
	}

}
