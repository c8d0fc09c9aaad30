package io.concierge.orders;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.concierge.shared.DemoData;

/**
 * The demo shop's products as its channel would describe them: the apron, mugs and tea
 * towels in sizes and colours to exchange for, food that is perishable, a bowl made to
 * order and napkins sold as final sale.
 */
@Component
class DemoProducts implements DemoData {

	private final JdbcClient jdbc;

	DemoProducts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String name() {
		return "orders.products";
	}

	@Override
	public int order() {
		return 29;
	}

	@Override
	public void seed() {
		this.jdbc.sql("""
				insert into product_variant (sku, product, variant, name, final_sale, perishable, made_to_order) values
				('APR-06-S', 'apron', 'S', 'Waxed canvas apron', false, false, false),
				('APR-06', 'apron', 'M', 'Waxed canvas apron', false, false, false),
				('APR-06-L', 'apron', 'L', 'Waxed canvas apron', false, false, false),
				('MUG-01', 'mug', 'Blue', 'Stoneware mug', false, false, false),
				('MUG-01-GRN', 'mug', 'Green', 'Stoneware mug', false, false, false),
				('MUG-01-SND', 'mug', 'Sand', 'Stoneware mug', false, false, false),
				('TWL-30', 'tea-towels', 'Natural', 'Linen tea towels, pair', false, false, false),
				('TWL-30-IND', 'tea-towels', 'Indigo', 'Linen tea towels, pair', false, false, false),
				('TEA-20', 'darjeeling', '100 g', 'Darjeeling first flush tea', false, true, false),
				('CHO-18', 'chocolate', '100 g', 'Dark chocolate, 70 %', false, true, false),
				('OIL-10', 'olive-oil', '1 l', 'Cold-pressed olive oil, 1 l', false, true, false),
				('BWL-21', 'serving-bowl', 'Hand-thrown', 'Hand-thrown serving bowl', false, false, true),
				('NAP-22', 'napkins', 'Set of 6', 'Cotton napkins, set of 6', true, false, false)
				on conflict (sku) do nothing""").update();
	}

}
