package io.concierge.orders;

/**
 * Where an order came from.
 */
public enum Channel {

	WEB_SHOP, MARKETPLACE, EDI, CSV, POINT_OF_SALE, PORTAL

}
