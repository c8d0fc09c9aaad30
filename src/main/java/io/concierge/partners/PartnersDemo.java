package io.concierge.partners;

import java.util.List;

import org.springframework.stereotype.Component;

import io.concierge.identity.Accounts;
import io.concierge.shared.DemoData;
import io.concierge.shared.EmailAddress;

/**
 * The demo's partners: DHL, which the demo warehouse ships with, and a vendor of the demo
 * shop's mugs and tea towels with some stock, each with the person the start-up banner
 * names.
 */
@Component
class PartnersDemo implements DemoData {

	private static final String ACTOR = "system";

	private final Partners partners;

	private final VendorStock stock;

	private final Accounts accounts;

	PartnersDemo(Partners partners, VendorStock stock, Accounts accounts) {
		this.partners = partners;
		this.stock = stock;
		this.accounts = accounts;
	}

	@Override
	public String name() {
		return "partners.demo";
	}

	@Override
	public int order() {
		return 12;
	}

	@Override
	public void seed() {
		Partner carrier = this.partners.create(Partner.Kind.CARRIER, "DHL Paket", "DHL", ACTOR, ACTOR);
		link(carrier, "dispatch@dhl.example");
		Partner vendor = this.partners.create(Partner.Kind.VENDOR, "Oak & Clay Studio", null, ACTOR, ACTOR);
		link(vendor, "orders@oakandclay.example");
		this.stock.report(vendor,
				List.of(new VendorStock.StockReport("MUG-01", "Hamburg", 140),
						new VendorStock.StockReport("MUG-01-GRN", "Hamburg", 35),
						new VendorStock.StockReport("MUG-01-SND", "Hamburg", 8),
						new VendorStock.StockReport("TWL-30", "Leipzig", 220),
						new VendorStock.StockReport("TWL-30-IND", "Leipzig", 60)),
				ACTOR, ACTOR);
	}

	private void link(Partner partner, String email) {
		this.accounts.findByEmail(EmailAddress.of(email))
			.ifPresent((account) -> this.partners.link(partner.id(), account.id(), ACTOR));
	}

}
