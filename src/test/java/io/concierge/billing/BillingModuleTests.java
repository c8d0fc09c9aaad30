package io.concierge.billing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.TestPropertySource;

import io.concierge.billing.BillingEvents.InvoiceIssued;
import io.concierge.orders.FulfilmentUpdate;
import io.concierge.orders.LineStatus;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.Orders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The billing module with the modules it needs: an order that ships is invoiced, once per
 * parcel, and the invoice announced.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
// the readiness group names the orders module's search index, which is not started here
@TestPropertySource(properties = "management.endpoint.health.group.readiness.include=readinessState")
class BillingModuleTests {

	@Autowired
	OrderManagement orders;

	@Test
	void anOrderThatShipsIsInvoicedAndTheInvoiceAnnounced(Scenario scenario) {
		String number = this.orders.place(Orders.aTwoLineOrder(UUID.randomUUID(), Instant.now()));

		scenario
			.stimulate(() -> this.orders.apply(new FulfilmentUpdate(number, LineStatus.SHIPPED, Instant.now(),
					List.of(), "DHL", null, "JD0001", null, null)))
			.andWaitForEventOfType(InvoiceIssued.class)
			.matching((event) -> event.orderNumber().equals(number))
			.toArriveAndVerify((event) -> {
				assertThat(event.total()).isEqualByComparingTo("69.95");
				assertThat(event.currency()).isEqualTo("GBP");
				assertThat(event.number()).startsWith("INV-");
			});
	}

}
