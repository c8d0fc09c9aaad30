package io.concierge.partners.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.concierge.intake.PurchaseOrderIntake;
import io.concierge.partners.PurchaseOrderRefused;

/**
 * A purchase order a vendor sent as X12, as its page and its API show it: what became of
 * it in the vendor's words ({@code received}, {@code accepted}, {@code refused},
 * {@code failed}, {@code discarded}), and a refusal's problems by message key, so the
 * page says them in the vendor's language.
 */
record SentPurchaseOrder(PurchaseOrderIntake.Sent sent, String outcome, List<PurchaseOrderRefused.Problem> problems) {

	static final String API = "/api/partner/purchase-orders/submissions/";

	static SentPurchaseOrder of(PurchaseOrderIntake.Sent sent) {
		String outcome = switch (sent.state()) {
			case RECEIVED -> "received";
			case ACCEPTED -> "accepted";
			case HELD -> "held";
			case REJECTED -> "refused";
			case DEAD -> "failed";
			case DISCARDED -> "discarded";
		};
		return new SentPurchaseOrder(sent, outcome,
				(sent.reasonDetails() != null) ? PurchaseOrderRefused.fromDetails(sent.reasonDetails()) : List.of());
	}

	/**
	 * As the API answers it, with where to ask again and where its acknowledgements are.
	 */
	Map<String, Object> json() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", this.sent.id());
		json.put("purchaseOrder", this.sent.purchaseOrder());
		json.put("interchange", this.sent.interchange());
		json.put("transactionSet", this.sent.transactionSet());
		json.put("receivedAt", this.sent.receivedAt());
		json.put("state", this.outcome);
		json.put("duplicate", this.sent.duplicate());
		json.put("status", API + this.sent.id());
		if (this.sent.number() != null) {
			json.put("number", this.sent.number());
			json.put("purchaseOrderAcknowledgement",
					VendorPortalController.ORDERS + "/" + this.sent.number() + "/855.edi");
		}
		if (this.sent.reason() != null) {
			json.put("reason", this.sent.reason());
		}
		if (!this.problems.isEmpty()) {
			json.put("problems",
					this.problems.stream()
						.map((problem) -> Map.<String, Object>of("line", problem.line(), "reason", problem.reason(),
								"value", problem.value()))
						.toList());
		}
		if (this.sent.acknowledged()) {
			json.put("functionalAcknowledgement", API + this.sent.id() + "/997");
		}
		return json;
	}

}
