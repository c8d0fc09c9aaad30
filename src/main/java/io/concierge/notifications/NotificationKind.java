package io.concierge.notifications;

/**
 * What a notification is about: customers choose per kind whether and how they hear of
 * it. Mails about the account's security are not a kind: they always go.
 */
public enum NotificationKind {

	ORDER_PLACED, ORDER_SHIPPED, ORDER_DELAYED, ORDER_DELIVERED, CHANGE_APPROVED, CHANGE_REJECTED, RETURN_RECEIVED,
	REFUND_SENT, INVOICE_ISSUED, PAYMENT_RECEIVED, INVOICE_REMINDER, TICKET_REPLIED, TICKET_BREACHED;

	/**
	 * Whether only staff hear of it (customers are not offered it).
	 */
	public boolean forStaff() {
		return this == TICKET_BREACHED;
	}

}
