package io.concierge.intake;

import java.nio.charset.StandardCharsets;

/**
 * Submissions as the channels send them: a Shopify {@code orders/create} webhook body in
 * the REST Admin API's order shape (German shop, taxes included in the prices, a discount
 * code, a gift wrap without SKU), and a till's sale in Concierge's point-of-sale schema.
 */
public final class ShopifyPayloads {

	private ShopifyPayloads() {
	}

	public static byte[] order(long id, String email) {
		return """
				{
				  "id": %d,
				  "admin_graphql_api_id": "gid://shopify/Order/%d",
				  "name": "#1042",
				  "order_number": 1042,
				  "email": "%s",
				  "created_at": "2026-11-21T18:42:07+01:00",
				  "currency": "EUR",
				  "presentment_currency": "EUR",
				  "taxes_included": true,
				  "financial_status": "paid",
				  "fulfillment_status": null,
				  "subtotal_price": "56.90",
				  "total_discounts": "5.00",
				  "total_line_items_price": "61.90",
				  "total_tax": "9.08",
				  "total_price": "61.85",
				  "total_shipping_price_set": {
				    "shop_money": {"amount": "4.95", "currency_code": "EUR"},
				    "presentment_money": {"amount": "4.95", "currency_code": "EUR"}
				  },
				  "discount_codes": [{"code": "WINTER5", "amount": "5.00", "type": "fixed_amount"}],
				  "note": "Bitte beim Nachbarn abgeben, falls niemand da ist.",
				  "customer": {"id": 115310627314723954, "email": "%s", "first_name": "Jörg", "last_name": "Weiß"},
				  "line_items": [
				    {
				      "id": 866550311766439020,
				      "variant_id": 808950811,
				      "product_id": 632910392,
				      "sku": "MUG-MR-350",
				      "title": "Tasse „Morgenröte“",
				      "variant_title": "350 ml",
				      "name": "Tasse „Morgenröte“ – 350 ml",
				      "quantity": 2,
				      "price": "29.00",
				      "total_discount": "0.00",
				      "discount_allocations": [{"amount": "5.00", "discount_application_index": 0}],
				      "tax_lines": [{"price": "7.98", "rate": 0.19, "title": "MwSt"}]
				    },
				    {
				      "id": 141249953214522974,
				      "variant_id": 808950810,
				      "product_id": 632910393,
				      "sku": "",
				      "title": "Geschenkverpackung",
				      "name": "Geschenkverpackung",
				      "quantity": 1,
				      "price": "3.90",
				      "total_discount": "0.00",
				      "discount_allocations": [],
				      "tax_lines": [{"price": "0.62", "rate": 0.19, "title": "MwSt"}]
				    }
				  ],
				  "shipping_lines": [{"title": "DHL Paket", "price": "4.95", "code": "DHL"}],
				  "shipping_address": {
				    "first_name": "Jörg", "last_name": "Weiß", "name": "Jörg Weiß", "company": null,
				    "address1": "Leopoldstraße 12", "address2": "3. OG", "city": "München", "zip": "80802",
				    "province": "Bayern", "province_code": "BY", "country": "Germany", "country_code": "DE",
				    "phone": "+49 89 1234567"
				  },
				  "billing_address": {
				    "first_name": "Jörg", "last_name": "Weiß", "address1": "Leopoldstraße 12", "address2": null,
				    "city": "München", "zip": "80802", "province": null, "country_code": "DE"
				  }
				}
				""".formatted(id, id, email, email).getBytes(StandardCharsets.UTF_8);
	}

	static String sale(String saleId, String email, String currency, String unitPrice) {
		return """
				{"saleId": "%s", "soldAt": "2026-11-22T10:15:00+01:00", "currency": "%s",
				 "customerEmail": "%s", "store": "Berlin Mitte",
				 "lines": [{"sku": "MUG-01", "name": "Stoneware mug", "quantity": 2, "unitPrice": "%s",
				            "discount": "0", "tax": "0"}],
				 "totals": {"subtotal": "%s", "discounts": "0", "taxes": "0", "total": "%s"}}
				""".formatted(saleId, currency, email, unitPrice,
				new java.math.BigDecimal(unitPrice).multiply(java.math.BigDecimal.TWO).toPlainString(),
				new java.math.BigDecimal(unitPrice).multiply(java.math.BigDecimal.TWO).toPlainString());
	}

}
