package io.concierge.support;

public enum TicketCategory {

	ORDER, DELIVERY, RETURN, BILLING, ACCOUNT, OTHER

}
