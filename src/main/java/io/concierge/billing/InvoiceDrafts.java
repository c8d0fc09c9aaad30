package io.concierge.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.concierge.billing.Invoice.Buyer;
import io.concierge.billing.Invoice.Kind;
import io.concierge.billing.Invoice.Line;
import io.concierge.billing.Invoice.TaxCategory;
import io.concierge.orders.Address;
import io.concierge.orders.OrderDetails;
import io.concierge.orders.OrderManagement.Billable;
import io.concierge.shared.Allocation;

/**
 * Invoices and credit notes drawn up from an order as its channel stated it: each line's
 * tax is the channel's, only split by units where a shipment holds some of a line; the
 * rate is what that tax amounts to. Nothing is recomputed differently.
 */
final class InvoiceDrafts {

	/** Where reverse charge applies between businesses, and where exports begin. */
	static final Set<String> EU = Set.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR",
			"HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");

	private InvoiceDrafts() {
	}

	/**
	 * What the buyer of an order is billed and how: their address, VAT id and days to
	 * pay.
	 */
	record Terms(@Nullable String vatId, int paymentDays) {

	}

	/**
	 * The invoice of some units of an order.
	 * @param units per line number, how many units it bills
	 * @param before per line number, how many units earlier invoices billed
	 * @param shipping whether it bills the shipping (the first invoice of an order does)
	 * @param labels the words printed for shipping, in the buyer's language
	 */
	static Invoice invoice(Billable billable, String source, Map<Integer, Integer> units, Map<Integer, Integer> before,
			boolean shipping, Terms terms, String sellerCountry, Instant now, @Nullable LocalDate deliveredOn,
			Labels labels) {
		OrderDetails order = billable.order();
		Currency currency = order.totals().grandTotal().currency();
		boolean taxOnTop = order.totals()
			.subtotal()
			.amount()
			.subtract(order.totals().discounts().amount())
			.add(order.totals().taxes().amount())
			.add(order.totals().shipping().amount())
			.compareTo(order.totals().grandTotal().amount()) == 0;
		// discounts on the whole order, beyond the lines' own, shared by the lines' value
		BigDecimal lineDiscounts = order.lines()
			.stream()
			.map((line) -> line.discount().amount())
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		List<BigDecimal> weights = order.lines()
			.stream()
			.map((line) -> line.unitPrice().amount().multiply(BigDecimal.valueOf(line.quantity())))
			.toList();
		List<BigDecimal> orderDiscounts = Allocation.allocate(
				order.totals().discounts().amount().subtract(lineDiscounts).max(BigDecimal.ZERO), weights, currency);
		List<Draft> drafts = new ArrayList<>();
		BigDecimal lineTaxes = BigDecimal.ZERO;
		for (int i = 0; i < order.lines().size(); i++) {
			OrderDetails.Line line = order.lines().get(i);
			lineTaxes = lineTaxes.add(line.tax().amount());
			int count = units.getOrDefault(line.number(), 0);
			if (count <= 0) {
				continue;
			}
			int taken = before.getOrDefault(line.number(), 0);
			BigDecimal discount = line.discount().amount().add(orderDiscounts.get(i));
			BigDecimal gross = line.unitPrice().amount().multiply(BigDecimal.valueOf(line.quantity()));
			BigDecimal net = gross.subtract(discount).subtract(taxOnTop ? BigDecimal.ZERO : line.tax().amount());
			BigDecimal tax = Allocation.units(line.tax().amount(), taken, count, line.quantity(), currency);
			BigDecimal netShare = Allocation.units(net, taken, count, line.quantity(), currency);
			BigDecimal discountShare = Allocation.units(discount, taken, count, line.quantity(), currency);
			BigDecimal unitPrice = netShare.add(discountShare)
				.divide(BigDecimal.valueOf(count), 4, RoundingMode.HALF_UP)
				.stripTrailingZeros();
			drafts
				.add(new Draft(line.number(), line.sku(), line.name(), count, unitPrice, discountShare, netShare, tax));
		}
		if (shipping) {
			BigDecimal shippingTax = order.totals().taxes().amount().subtract(lineTaxes).max(BigDecimal.ZERO);
			BigDecimal amount = order.totals().shipping().amount();
			if (amount.signum() > 0) {
				BigDecimal net = taxOnTop ? amount : amount.subtract(shippingTax);
				drafts.add(new Draft(null, "SHIPPING", labels.shipping(), 1, net, BigDecimal.ZERO, net, shippingTax));
			}
		}
		Address address = (order.billTo() != null) ? order.billTo() : order.shipTo();
		Buyer buyer = buyer(address, terms.vatId(), billable.email());
		Classified classified = classify(drafts, buyer, sellerCountry, labels);
		LocalDate today = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
		return new Invoice(UUID.randomUUID(), Kind.INVOICE, "", order.number(), source, null, billable.account(),
				billable.organisation(), order.channel().name(), now, deliveredOn, today.plusDays(terms.paymentDays()),
				currency.getCurrencyCode(), buyer,
				(order.purchaseOrder() != null) ? order.purchaseOrder() : order.number(), classified.note(),
				classified.lines());
	}

	/**
	 * The credit note of a refund: the refunded amount shared over the refunded units by
	 * their price, each share with the tax rate its line was invoiced at.
	 * @param units per order line, how many units it is for
	 * @param invoiced the lines of the order's invoices, by order line
	 */
	static Invoice creditNote(Invoice invoice, String source, BigDecimal amount, Map<Integer, Integer> units,
			Map<Integer, Line> invoiced, Instant now, Labels labels) {
		Currency currency = Currency.getInstance(invoice.currency());
		List<Line> refunded = new ArrayList<>();
		List<BigDecimal> weights = new ArrayList<>();
		units.forEach((orderLine, count) -> {
			Line line = invoiced.get(orderLine);
			if (line != null && count > 0) {
				refunded.add(line);
				BigDecimal perUnit = line.net()
					.add(line.tax())
					.divide(BigDecimal.valueOf(line.quantity()), 10, RoundingMode.HALF_UP);
				weights.add(perUnit.multiply(BigDecimal.valueOf(count)));
			}
		});
		if (refunded.isEmpty()) {
			// units the order's invoices do not name: the refund shared like the invoice
			invoice.lines().forEach((line) -> {
				refunded.add(line);
				weights.add(line.net().add(line.tax()));
			});
		}
		List<BigDecimal> shares = Allocation.allocate(amount, weights, currency);
		int scale = Math.max(currency.getDefaultFractionDigits(), 0);
		List<Line> lines = new ArrayList<>();
		for (int i = 0; i < refunded.size(); i++) {
			Line line = refunded.get(i);
			BigDecimal gross = shares.get(i);
			BigDecimal net = gross.multiply(BigDecimal.valueOf(100))
				.divide(BigDecimal.valueOf(100).add(line.taxRate()), scale, RoundingMode.HALF_UP);
			int count = (line.orderLine() != null) ? units.getOrDefault(line.orderLine(), 1) : 1;
			count = (count > 0) ? count : 1;
			lines.add(new Line(i + 1, line.orderLine(), line.sku(), labels.refundOf(line.name()), count,
					net.divide(BigDecimal.valueOf(count), 4, RoundingMode.HALF_UP).stripTrailingZeros(),
					BigDecimal.ZERO, net, line.taxRate(), gross.subtract(net), line.category()));
		}
		LocalDate today = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
		return new Invoice(UUID.randomUUID(), Kind.CREDIT_NOTE, "", invoice.orderNumber(), source, invoice.number(),
				invoice.account(), invoice.organisation(), invoice.channel(), now, null, today, invoice.currency(),
				invoice.buyer(), invoice.buyerReference(), invoice.taxNote(), lines);
	}

	/**
	 * The words an invoice prints beside the channel's data, in the buyer's language.
	 */
	interface Labels {

		String shipping();

		String refundOf(String name);

		String note(TaxCategory category);

	}

	private record Draft(@Nullable Integer orderLine, String sku, String name, int quantity, BigDecimal unitPrice,
			BigDecimal discount, BigDecimal net, BigDecimal tax) {

	}

	private record Classified(List<Line> lines, @Nullable String note) {

	}

	/**
	 * Each line's rate from its tax, and its category: taxed lines are standard rated;
	 * untaxed lines beside them zero rated; an invoice without any tax is reverse charge
	 * (a business buyer in another EU country), an export (a buyer outside the EU) or
	 * exempt.
	 */
	private static Classified classify(List<Draft> drafts, Buyer buyer, String sellerCountry, Labels labels) {
		boolean taxed = drafts.stream().anyMatch((draft) -> draft.tax().signum() != 0);
		TaxCategory untaxed;
		if (taxed) {
			untaxed = TaxCategory.Z;
		}
		else if (buyer.vatId() != null && EU.contains(buyer.country()) && !buyer.country().equals(sellerCountry)) {
			untaxed = TaxCategory.AE;
		}
		else if (EU.contains(sellerCountry) && !EU.contains(buyer.country())) {
			untaxed = TaxCategory.G;
		}
		else {
			untaxed = TaxCategory.E;
		}
		List<Line> lines = new ArrayList<>();
		for (Draft draft : drafts) {
			boolean hasTax = draft.tax().signum() != 0;
			lines.add(new Line(lines.size() + 1, draft.orderLine(), draft.sku(), draft.name(), draft.quantity(),
					draft.unitPrice(), draft.discount(), draft.net(),
					hasTax ? rate(draft.tax(), draft.net()) : BigDecimal.ZERO, draft.tax(),
					hasTax ? TaxCategory.S : untaxed));
		}
		return new Classified(lines, taxed ? null : labels.note(untaxed));
	}

	/**
	 * The rate a tax amounts to on its net, to one decimal (19, 20, 5.5, 8.1).
	 */
	static BigDecimal rate(BigDecimal tax, BigDecimal net) {
		if (net.signum() == 0) {
			return BigDecimal.ZERO;
		}
		return tax.multiply(BigDecimal.valueOf(100)).divide(net, 1, RoundingMode.HALF_UP).stripTrailingZeros();
	}

	private static Buyer buyer(@Nullable Address address, @Nullable String vatId, @Nullable String email) {
		if (address == null) {
			return new Buyer((email != null) ? email : "", "", null, "", "DE", vatId, email);
		}
		return new Buyer(address.name(), address.lines(), address.postalCode(), address.city(), address.country(),
				vatId, email);
	}

}
