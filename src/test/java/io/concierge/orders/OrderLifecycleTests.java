package io.concierge.orders;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.concierge.orders.OrderEvents.OrderCancelled;
import io.concierge.orders.OrderEvents.OrderDelivered;
import io.concierge.orders.OrderEvents.OrderLinesMoved;
import io.concierge.orders.OrderEvents.OrderPlaced;
import io.concierge.orders.OrderEvents.OrderShipped;
import io.concierge.orders.OrderEvents.OrderStatusChanged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OrderLifecycleTests {

	private static final Instant LATER = Orders.PLACED.plusSeconds(3600);

	@Test
	void registersOrderPlacedWithEveryLinePlaced() {
		Order order = Order.place("C-1", Orders.aTwoLineOrder(java.util.UUID.randomUUID()));
		assertThat(order.registeredEvents()).singleElement().isInstanceOf(OrderPlaced.class);
		assertThat(order.status()).isEqualTo(OrderStatus.PLACED);
		assertThat(order.lines()).extracting(OrderLine::status).containsOnly(LineStatus.PLACED);
	}

	@Test
	void movesForwardThroughTheStagesAndMaySkipOnes() {
		Order order = Orders.aPlacedOrder();
		assertThat(order.move(LineStatus.CONFIRMED, List.of(), LATER, null)).containsExactly(1, 2);
		assertThat(order.move(LineStatus.PACKED, List.of(), LATER.plusSeconds(1), null)).containsExactly(1, 2);
		assertThat(order.status()).isEqualTo(OrderStatus.PACKED);
		assertThat(order.registeredEvents())
			.hasOnlyElementsOfTypes(OrderPlaced.class, OrderLinesMoved.class, OrderStatusChanged.class)
			.hasSize(5);
	}

	@Test
	void anOlderStageNeverRollsALineBack() {
		Order order = Orders.aPlacedOrder();
		order.move(LineStatus.SHIPPED, List.of(), LATER, null);
		assertThat(order.move(LineStatus.PACKED, List.of(), LATER.plusSeconds(60), null)).isEmpty();
		assertThat(order.move(LineStatus.SHIPPED, List.of(), LATER.plusSeconds(60), null)).isEmpty();
		assertThat(order.lines()).extracting(OrderLine::status).containsOnly(LineStatus.SHIPPED);
	}

	@Test
	void anExceptionOlderThanTheLinesStatusIsIgnored() {
		Order order = Orders.aPlacedOrder();
		order.move(LineStatus.PICKING, List.of(), LATER, null);
		assertThat(order.move(LineStatus.ON_HOLD, List.of(), LATER.minusSeconds(60), "stock check")).isEmpty();
		assertThat(order.move(LineStatus.ON_HOLD, List.of(), LATER.plusSeconds(60), "stock check")).containsExactly(1,
				2);
		assertThat(order.status()).isEqualTo(OrderStatus.ON_HOLD);
	}

	@Test
	void aLineOnHoldRemembersItsStageAndMovesOnFromThere() {
		Order order = Orders.aPlacedOrder();
		order.move(LineStatus.PICKING, List.of(), LATER, null);
		order.move(LineStatus.ON_HOLD, List.of(1), LATER.plusSeconds(1), "payment check");
		assertThat(order.status()).isEqualTo(OrderStatus.ON_HOLD);
		assertThat(order.move(LineStatus.PICKING, List.of(1), LATER.plusSeconds(2), null)).isEmpty();
		assertThat(order.move(LineStatus.PACKED, List.of(1), LATER.plusSeconds(2), null)).containsExactly(1);
		assertThat(order.status()).isEqualTo(OrderStatus.PICKING);
	}

	@Test
	void refusesCancellationOnceShippedAndChangesNoLine() {
		Order order = Orders.aPlacedOrder();
		order.move(LineStatus.SHIPPED, List.of(2), LATER, null);
		assertThatExceptionOfType(OrderChangeRefused.class)
			.isThrownBy(() -> order.move(LineStatus.CANCELLED, List.of(1, 2), LATER.plusSeconds(1), null))
			.satisfies((refused) -> {
				assertThat(refused.line()).isEqualTo(2);
				assertThat(refused.from()).isEqualTo(LineStatus.SHIPPED);
			});
		assertThat(order.lines()).extracting(OrderLine::status).containsExactly(LineStatus.PLACED, LineStatus.SHIPPED);
	}

	@Test
	void cancellingSomeLinesLeavesTheOrderGoingAndAllCancelsIt() {
		Order order = Orders.aPlacedOrder();
		order.move(LineStatus.CANCELLED, List.of(2), LATER, "customer asked");
		assertThat(order.status()).isEqualTo(OrderStatus.PLACED);
		assertThat(order.registeredEvents()).anyMatch(OrderCancelled.class::isInstance);
		order.move(LineStatus.CANCELLED, List.of(1), LATER, "customer asked");
		assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
		assertThatExceptionOfType(OrderChangeRefused.class)
			.isThrownBy(() -> order.move(LineStatus.CONFIRMED, List.of(1), LATER.plusSeconds(5), null));
	}

	@ParameterizedTest
	@EnumSource(value = LineStatus.class, names = { "PLACED", "CONFIRMED", "PICKING", "PACKED" })
	void holdAndCancelAreAllowedOnlyBeforeShipping(LineStatus stage) {
		Order order = Orders.aPlacedOrder();
		order.move(stage, List.of(), LATER, null);
		assertThat(order.move(LineStatus.ON_HOLD, List.of(1), LATER.plusSeconds(1), null)).containsExactly(1);
		assertThat(order.move(LineStatus.CANCELLED, List.of(2), LATER.plusSeconds(1), null)).containsExactly(2);
	}

	@ParameterizedTest
	@EnumSource(value = LineStatus.class, names = { "SHIPPED", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED" })
	void afterShippingThereIsNoHoldOrCancelButAReturn(LineStatus stage) {
		Order order = Orders.aPlacedOrder();
		order.move(stage, List.of(), LATER, null);
		assertThatExceptionOfType(OrderChangeRefused.class)
			.isThrownBy(() -> order.move(LineStatus.ON_HOLD, List.of(), LATER.plusSeconds(1), null));
		assertThatExceptionOfType(OrderChangeRefused.class)
			.isThrownBy(() -> order.move(LineStatus.CANCELLED, List.of(), LATER.plusSeconds(1), null));
		assertThat(order.move(LineStatus.RETURNED, List.of(1), LATER.plusSeconds(1), null)).containsExactly(1);
		assertThat(order.status()).isEqualTo(OrderStatus.PARTIALLY_RETURNED);
	}

	@Test
	void aFailedDeliveryNeedsAParcelOnItsWayAndIsFollowedByAnotherTry() {
		Order order = Orders.aPlacedOrder();
		assertThatExceptionOfType(OrderChangeRefused.class)
			.isThrownBy(() -> order.move(LineStatus.DELIVERY_FAILED, List.of(), LATER, null));
		order.move(LineStatus.OUT_FOR_DELIVERY, List.of(), LATER, null);
		order.move(LineStatus.DELIVERY_FAILED, List.of(), LATER.plusSeconds(1), "nobody home");
		assertThat(order.status()).isEqualTo(OrderStatus.DELIVERY_FAILED);
		order.move(LineStatus.DELIVERED, List.of(), LATER.plusSeconds(86400), null);
		assertThat(order.status()).isEqualTo(OrderStatus.DELIVERED);
		assertThat(order.registeredEvents()).anyMatch(OrderDelivered.class::isInstance);
		assertThatExceptionOfType(OrderChangeRefused.class)
			.isThrownBy(() -> order.move(LineStatus.DELAYED, List.of(), LATER.plusSeconds(86401), null));
	}

	@Test
	void aShipmentShipsTheLinesItCompletesOnly() {
		Order order = Orders.aPlacedOrder();
		order.ship("DHL", "Paket", "00340434161094042557", LocalDate.of(2026, 11, 5), Map.of(1, 1, 2, 1), LATER);
		assertThat(order.lines()).extracting(OrderLine::status).containsExactly(LineStatus.PLACED, LineStatus.SHIPPED);
		assertThat(order.status()).isEqualTo(OrderStatus.PARTIALLY_SHIPPED);
		assertThat(order.registeredEvents()).anyMatch(OrderShipped.class::isInstance);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> order.ship("DHL", null, null, null, Map.of(1, 2), LATER.plusSeconds(1)))
			.withMessageContaining("too many");
		order.ship("DHL", null, "00340434161094042558", null, Map.of(1, 1), LATER.plusSeconds(2));
		assertThat(order.status()).isEqualTo(OrderStatus.SHIPPED);
		assertThat(order.shipments()).hasSize(2);
	}

	@Test
	void refusesALineThatDoesNotExist() {
		Order order = Orders.aPlacedOrder();
		assertThatIllegalArgumentException().isThrownBy(() -> order.move(LineStatus.CONFIRMED, List.of(3), LATER, null))
			.withMessageContaining("no line 3");
	}

	@Test
	void derivesTheOrderStatusFromItsLines() {
		assertThat(status(line(LineStatus.DELIVERED), line(LineStatus.IN_TRANSIT)))
			.isEqualTo(OrderStatus.PARTIALLY_DELIVERED);
		assertThat(status(line(LineStatus.SHIPPED), line(LineStatus.PACKED))).isEqualTo(OrderStatus.PARTIALLY_SHIPPED);
		assertThat(status(line(LineStatus.IN_TRANSIT), line(LineStatus.OUT_FOR_DELIVERY)))
			.isEqualTo(OrderStatus.IN_TRANSIT);
		assertThat(status(line(LineStatus.CANCELLED), line(LineStatus.DELIVERED))).isEqualTo(OrderStatus.DELIVERED);
		assertThat(
				status(new OrderStatus.LineState(LineStatus.DELAYED, LineStatus.SHIPPED), line(LineStatus.DELIVERED)))
			.isEqualTo(OrderStatus.DELAYED);
		assertThat(status(line(LineStatus.CANCELLED))).isEqualTo(OrderStatus.CANCELLED);
	}

	private static OrderStatus.LineState line(LineStatus status) {
		return new OrderStatus.LineState(status, status.isStage() ? status : LineStatus.DELIVERED);
	}

	private static OrderStatus status(OrderStatus.LineState... lines) {
		return OrderStatus.of(List.of(lines));
	}

}
