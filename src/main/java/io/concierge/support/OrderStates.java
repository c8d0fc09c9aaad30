package io.concierge.support;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import io.concierge.identity.Caller;
import io.concierge.orders.DeliveryStage;
import io.concierge.orders.OrderDetails;
import io.concierge.orders.OrderDetails.ShipmentView;
import io.concierge.orders.OrderQueries;
import io.concierge.orders.OrderStatus;

/**
 * An order's live state in one sentence, from the caller's own orders only: where its
 * newest parcel is and when it is expected. What the ticket form shows beside the
 * subject, and what the assistant answers "where is my order" with.
 */
@Component
class OrderStates {

	private final OrderQueries orders;

	private final MessageSource messages;

	OrderStates(OrderQueries orders, MessageSource messages) {
		this.orders = orders;
		this.messages = messages;
	}

	Optional<String> describe(Caller caller, String number, Locale locale, ZoneId zone) {
		return this.orders.find(caller, number).map((order) -> describe(order, locale, zone));
	}

	String describe(OrderDetails order, Locale locale, ZoneId zone) {
		String status = this.messages.getMessage("order.status." + order.status().name(), null, order.status().name(),
				locale);
		ShipmentView parcel = order.shipments()
			.stream()
			.max(Comparator.comparing(ShipmentView::shippedAt))
			.orElse(null);
		if (order.status() == OrderStatus.DELIVERED || parcel == null) {
			return message((parcel == null) ? "support.state.notShipped" : "support.state.delivered", locale,
					order.number(), status);
		}
		DeliveryStage stage = parcel.stage();
		String expected = expected(parcel, locale, zone);
		if (stage == DeliveryStage.OUT_FOR_DELIVERY) {
			return message("support.state.outForDelivery", locale, order.number(), parcel.carrier(), expected);
		}
		if (parcel.alert() != null || stage == DeliveryStage.FAILED_ATTEMPT || stage == DeliveryStage.EXCEPTION) {
			return message("support.state.problem", locale, order.number(), parcel.carrier(), status, expected);
		}
		if (stage == DeliveryStage.DELIVERED) {
			return message("support.state.delivered", locale, order.number(), status);
		}
		return message("support.state.onItsWay", locale, order.number(), parcel.carrier(), expected,
				(parcel.lastLocation() != null) ? parcel.lastLocation() : "");
	}

	private String expected(ShipmentView parcel, Locale locale, ZoneId zone) {
		DateTimeFormatter days = DateTimeFormatter.ofPattern("EEEE, d MMMM", locale);
		LocalDate today = LocalDate.now(zone);
		if (parcel.estimate() != null) {
			if (parcel.estimate().oneDay() || parcel.estimate().earliest().equals(parcel.estimate().latest())) {
				return day(parcel.estimate().likely(), today, days, locale);
			}
			return message("support.state.between", locale, day(parcel.estimate().earliest(), today, days, locale),
					day(parcel.estimate().latest(), today, days, locale));
		}
		LocalDate promised = (parcel.carrierEstimate() != null) ? parcel.carrierEstimate() : parcel.promisedDelivery();
		return (promised != null) ? day(promised, today, days, locale) : message("support.state.noDate", locale);
	}

	private String day(LocalDate day, LocalDate today, DateTimeFormatter days, Locale locale) {
		if (day.equals(today)) {
			return message("support.state.today", locale);
		}
		if (day.equals(today.plusDays(1))) {
			return message("support.state.tomorrow", locale);
		}
		return days.format(day);
	}

	private String message(String key, Locale locale, Object... arguments) {
		return this.messages.getMessage(key, arguments, locale);
	}

}
