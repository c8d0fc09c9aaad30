package io.concierge.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An invoice or a credit note as issued: every amount exactly as it is printed and sent,
 * never changed afterwards.
 *
 * @param number empty until it is issued
 * @param source what it was issued for ({@code shipment:…}, {@code order:…},
 * {@code refund:…}); one document per source
 * @param corrects for a credit note, the number of the invoice it corrects
 * @param buyerReference the buyer's purchase order, or the order number
 * @param taxNote why no tax is charged (reverse charge, export, exemption), printed and
 * sent
 */
public record Invoice(UUID id, Kind kind, String number, String orderNumber, String source, @Nullable String corrects,
		@Nullable UUID account, @Nullable UUID organisation, String channel, Instant issuedAt,
		@Nullable LocalDate deliveredOn, LocalDate dueOn, String currency, Buyer buyer, String buyerReference,
		@Nullable String taxNote, List<Line> lines) {

	public enum Kind {

		INVOICE, CREDIT_NOTE

	}

	/**
	 * @param country ISO 3166 alpha-2
	 * @param vatId the buyer's VAT id, for reverse charge
	 */
	public record Buyer(String name, String lines, @Nullable String postalCode, String city, String country,
			@Nullable String vatId, @Nullable String email) {

	}

	/**
	 * @param orderLine the order's line it bills, or null (shipping, a refund's share)
	 * @param unitPrice the price of one unit before discounts, without tax
	 * @param discount what is taken off the line, without tax
	 * @param net what the line costs without tax: units times price less discount
	 * @param taxRate the rate the channel's tax amounts to, in percent
	 * @param tax the tax exactly as the channel stated it
	 */
	public record Line(int position, @Nullable Integer orderLine, String sku, String name, int quantity,
			BigDecimal unitPrice, BigDecimal discount, BigDecimal net, BigDecimal taxRate, BigDecimal tax,
			TaxCategory category) {

		/**
		 * The price of one unit after discounts, as EN 16931 states it.
		 */
		public BigDecimal netPrice() {
			return this.net.divide(BigDecimal.valueOf(this.quantity), 4, java.math.RoundingMode.HALF_UP)
				.stripTrailingZeros();
		}

	}

	/**
	 * The VAT categories of EN 16931 (UNTDID 5305) that Concierge issues.
	 */
	public enum TaxCategory {

		/** Standard rate. */
		S,
		/** Zero rated, beside taxed lines. */
		Z,
		/** Exempt from tax. */
		E,
		/** Reverse charge: the buyer in another EU country accounts for the tax. */
		AE,
		/** Export outside the EU. */
		G

	}

	/**
	 * The tax of all lines of one category and rate: what the breakdown prints.
	 */
	public record TaxGroup(TaxCategory category, BigDecimal rate, BigDecimal basis, BigDecimal tax) {

	}

	public boolean creditNote() {
		return this.kind == Kind.CREDIT_NOTE;
	}

	public BigDecimal net() {
		return this.lines.stream().map(Line::net).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	public BigDecimal tax() {
		return this.lines.stream().map(Line::tax).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	public BigDecimal total() {
		return net().add(tax());
	}

	public List<TaxGroup> taxGroups() {
		Map<String, TaxGroup> groups = new LinkedHashMap<>();
		for (Line line : this.lines) {
			groups.merge(line.category() + "/" + line.taxRate().stripTrailingZeros().toPlainString(),
					new TaxGroup(line.category(), line.taxRate(), line.net(), line.tax()),
					(a, b) -> new TaxGroup(a.category(), a.rate(), a.basis().add(b.basis()), a.tax().add(b.tax())));
		}
		return new ArrayList<>(groups.values());
	}

	Invoice issued(UUID id, String number, Instant issuedAt) {
		return new Invoice(id, this.kind, number, this.orderNumber, this.source, this.corrects, this.account,
				this.organisation, this.channel, issuedAt, this.deliveredOn, this.dueOn, this.currency, this.buyer,
				this.buyerReference, this.taxNote, this.lines);
	}

}
