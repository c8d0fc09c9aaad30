package io.concierge.tracking;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.concierge.IntegrationTest;
import io.concierge.notifications.MailMessage;
import io.concierge.notifications.MailOutbox;
import io.concierge.orders.DeliveryStage;
import io.concierge.orders.FulfilmentUpdate;
import io.concierge.orders.LineStatus;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.Orders;
import io.concierge.orders.ShipmentTracking;
import io.concierge.orders.ShipmentTracking.CarrierReport;
import io.concierge.orders.ShipmentTracking.Scan;
import io.concierge.shared.EmailAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Customers hear of a predicted delay, a parcel the carrier has not scanned for days and
 * an exception the carrier reports: once per cause, however often the alerts look.
 */
@IntegrationTest
class DeliveryAlertsTests {

	@Autowired
	OrderManagement orders;

	@Autowired
	ShipmentTracking tracking;

	@Autowired
	DeliveryAlerts alerts;

	@Autowired
	MailOutbox mail;

	@Test
	void eachCauseIsToldOnceAndMarksTheParcel() {
		String guest = "late-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		String tracking = "JD" + System.nanoTime();
		String number = this.orders.place(Orders.guest(guest, Instant.now().minus(Duration.ofDays(5))));
		// shipped four days ago, promised for yesterday, never scanned since
		this.orders.apply(new FulfilmentUpdate(number, LineStatus.SHIPPED, Instant.now().minus(Duration.ofDays(4)),
				List.of(), "DHL", null, tracking, LocalDate.now().minusDays(1), null));
		ShipmentTracking.OpenParcel parcel = this.tracking.awaitingPrediction(Instant.now(), 5000)
			.stream()
			.filter((open) -> open.orderNumber().equals(number))
			.findFirst()
			.orElseThrow();
		this.tracking.predicted(parcel, new ShipmentTracking.Prediction(LocalDate.now().plusDays(1),
				LocalDate.now().plusDays(1), LocalDate.now().plusDays(2), "MODEL"));

		this.alerts.check();
		await().atMost(Duration.ofSeconds(5)).until(() -> subjects(guest).size() == 2);
		assertThat(subjects(guest)).containsExactlyInAnyOrder("Your order " + number + " is running late",
				"News about the parcel of your order " + number);
		assertThat(this.orders.details(number).shipments().getFirst().alert()).isIn("DELAY_PREDICTED", "NO_SCAN");

		this.tracking.record(new CarrierReport(tracking, null, null, List.of(new Scan(Instant.now(),
				DeliveryStage.FAILED_ATTEMPT, "AttemptFail_001", "Recipient not at home", "Bristol, GB")), "test"));
		this.alerts.check();
		this.alerts.check();
		await().atMost(Duration.ofSeconds(5)).until(() -> subjects(guest).size() == 3);
		assertThat(this.mail.sentTo(EmailAddress.of(guest)).stream().map(MailMessage::getBody).toList())
			.anyMatch((body) -> body.contains("the carrier could not deliver your parcel"));
		assertThat(this.alerts.check()).as("nothing new to tell").isZero();
	}

	/**
	 * What the guest was mailed about the parcel (its invoice is mailed too).
	 */
	private List<String> subjects(String guest) {
		return this.mail.sentTo(EmailAddress.of(guest))
			.stream()
			.map(MailMessage::getSubject)
			.filter((subject) -> !subject.startsWith("Your invoice"))
			.toList();
	}

}
