package io.concierge.partners;

import java.util.Locale;

import org.springframework.stereotype.Component;

import io.concierge.intake.PurchaseOrderReceiver;

/**
 * Takes in the vendors' X12 850 purchase orders that intake stored and hands over, one
 * transaction set at a time, through the same checks as a CSV's
 * ({@link PurchaseOrders#receiveX12}); a refusal goes back to intake with the problems in
 * words for operations and by key for the vendor's page, and is audited as the vendor's.
 */
@Component
class VendorPurchaseOrderReceiver implements PurchaseOrderReceiver {

	private final Partners partners;

	private final PurchaseOrders orders;

	VendorPurchaseOrderReceiver(Partners partners, PurchaseOrders orders) {
		this.partners = partners;
		this.orders = orders;
	}

	@Override
	public String receive(PurchaseOrder order) {
		Partner vendor = vendor(order);
		try {
			return this.orders.receiveX12(vendor, order.x12(), order.sentBy(), order.sentFrom()).number();
		}
		catch (PurchaseOrderRefused ex) {
			throw new Refused(code(ex.problems().getFirst().reason()), ex.inWords(), ex.details());
		}
	}

	@Override
	public void rejected(PurchaseOrder order, String reason) {
		this.partners.find(order.vendor())
			.filter((vendor) -> vendor.kind() == Partner.Kind.VENDOR)
			.ifPresent((vendor) -> this.orders.refusedX12(vendor, reason, order.sentBy(), order.sentFrom()));
	}

	private Partner vendor(PurchaseOrder order) {
		return this.partners.find(order.vendor())
			.filter((vendor) -> vendor.kind() == Partner.Kind.VENDOR)
			.orElseThrow(() -> new Refused("NOT_A_VENDOR", "The partner " + order.vendor() + " is no vendor.", null));
	}

	/**
	 * The problem's reason as operations' code: {@code unknownSku} is
	 * {@code UNKNOWN_SKU}.
	 */
	static String code(String reason) {
		return reason.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
	}

}
