package io.concierge.billing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.billing.BillingEvents.CreditNoteIssued;
import io.concierge.billing.BillingEvents.InvoiceIssued;
import io.concierge.billing.Invoice.Buyer;
import io.concierge.billing.Invoice.Kind;
import io.concierge.billing.Invoice.Line;
import io.concierge.billing.Invoice.TaxCategory;

/**
 * Issues invoices and credit notes and reads them back, exactly as issued.
 * <p>
 * Numbers are gapless per series and year: the next one is taken by updating the series'
 * row in the transaction that inserts the document, which holds the row's lock until it
 * ends; a rollback gives the number back. The lock is held for two inserts only: the PDF
 * is rendered after (see {@link InvoicePdfs}).
 */
@Service
public class Invoices {

	private final JdbcClient jdbc;

	private final BillingSettings settings;

	private final ApplicationEventPublisher events;

	Invoices(JdbcClient jdbc, BillingSettings settings, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.events = events;
	}

	/**
	 * Issues a drafted document under the next number of its series, or returns the one
	 * issued for the same source already.
	 */
	@Transactional
	Invoice issue(Invoice draft) {
		Optional<Invoice> existing = bySource(draft.source());
		if (existing.isPresent()) {
			return existing.get();
		}
		int year = draft.issuedAt().atOffset(ZoneOffset.UTC).getYear();
		String series = (draft.kind() == Kind.INVOICE) ? this.settings.invoiceSeries()
				: this.settings.creditNoteSeries();
		long sequence = this.jdbc.sql("""
				insert into billing_sequence (series, year, last) values (?, ?, 1)
				on conflict (series, year) do update set last = billing_sequence.last + 1
				returning last""").params(series, year).query(Long.class).single();
		Invoice issued = draft.issued(draft.id(), "%s-%d-%06d".formatted(series, year, sequence), draft.issuedAt());
		Buyer buyer = issued.buyer();
		this.jdbc.sql("""
				insert into invoice (id, kind, number, series, year, sequence, order_number, source, corrects,
				  account_id, organisation_id, channel, issued_at, delivered_on, due_on, currency, net_total,
				  tax_total, total, buyer_name, buyer_lines, buyer_postal_code, buyer_city, buyer_country,
				  buyer_vat_id, buyer_email, buyer_reference, tax_note)
				values (?, ?, ?, ?, ?, ?, ?, ?, (select id from invoice where number = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?,
				  ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(issued.id(), issued.kind().name(), issued.number(), series, year, sequence, issued.orderNumber(),
					issued.source(), issued.corrects(), issued.account(), issued.organisation(), issued.channel(),
					issued.issuedAt().atOffset(ZoneOffset.UTC), issued.deliveredOn(), issued.dueOn(), issued.currency(),
					issued.net(), issued.tax(), issued.total(), buyer.name(), buyer.lines(), buyer.postalCode(),
					buyer.city(), buyer.country(), buyer.vatId(), buyer.email(), issued.buyerReference(),
					issued.taxNote())
			.update();
		for (Line line : issued.lines()) {
			this.jdbc.sql("""
					insert into invoice_line (invoice_id, position, order_line, sku, name, quantity, unit_price,
					  discount, net, tax_rate, tax, tax_category)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(issued.id(), line.position(), line.orderLine(), line.sku(), line.name(), line.quantity(),
						line.unitPrice(), line.discount(), line.net(), line.taxRate(), line.tax(),
						line.category().name())
				.update();
		}
		if (issued.creditNote()) {
			this.events.publishEvent(new CreditNoteIssued(issued.id(), issued.number(),
					(issued.corrects() != null) ? issued.corrects() : "", issued.orderNumber(), issued.account(),
					issued.organisation(), buyer.email(), issued.total(), issued.currency(), issued.issuedAt()));
		}
		else {
			this.events.publishEvent(new InvoiceIssued(issued.id(), issued.number(), issued.orderNumber(),
					issued.account(), issued.organisation(), buyer.email(), issued.total(), issued.currency(),
					issued.dueOn(), issued.issuedAt()));
		}
		return issued;
	}

	@Transactional(readOnly = true)
	public Optional<Invoice> find(UUID id) {
		return one("i.id = ?", id);
	}

	@Transactional(readOnly = true)
	public Optional<Invoice> byNumber(String number) {
		return one("i.number = ?", number);
	}

	@Transactional(readOnly = true)
	Optional<Invoice> bySource(String source) {
		return one("i.source = ?", source);
	}

	/**
	 * The order's invoices and credit notes, oldest first.
	 */
	@Transactional(readOnly = true)
	public List<Invoice> ofOrder(String orderNumber) {
		return this.jdbc.sql("select id from invoice where order_number = ? order by issued_at, number")
			.param(orderNumber)
			.query(UUID.class)
			.list()
			.stream()
			.map((id) -> find(id).orElseThrow())
			.toList();
	}

	private Optional<Invoice> one(String where, Object value) {
		return this.jdbc.sql("""
				select i.*, c.number as corrects_number from invoice i left join invoice c on c.id = i.corrects
				where\s""" + where).param(value).query(this::invoice).optional();
	}

	private Invoice invoice(ResultSet rs, int row) throws SQLException {
		UUID id = rs.getObject("id", UUID.class);
		List<Line> lines = this.jdbc.sql("select * from invoice_line where invoice_id = ? order by position")
			.param(id)
			.query((line, n) -> new Line(line.getInt("position"), (Integer) line.getObject("order_line"),
					line.getString("sku"), line.getString("name"), line.getInt("quantity"),
					line.getBigDecimal("unit_price").stripTrailingZeros(), line.getBigDecimal("discount"),
					line.getBigDecimal("net"), line.getBigDecimal("tax_rate").stripTrailingZeros(),
					line.getBigDecimal("tax"), TaxCategory.valueOf(line.getString("tax_category"))))
			.list()
			.stream()
			.map((line) -> scaled(line, rs))
			.toList();
		Buyer buyer = new Buyer(rs.getString("buyer_name"), rs.getString("buyer_lines"),
				rs.getString("buyer_postal_code"), rs.getString("buyer_city"), rs.getString("buyer_country"),
				rs.getString("buyer_vat_id"), rs.getString("buyer_email"));
		return new Invoice(id, Kind.valueOf(rs.getString("kind")), rs.getString("number"), rs.getString("order_number"),
				rs.getString("source"), rs.getString("corrects_number"), rs.getObject("account_id", UUID.class),
				rs.getObject("organisation_id", UUID.class), rs.getString("channel"),
				rs.getTimestamp("issued_at").toInstant(), rs.getObject("delivered_on", LocalDate.class),
				rs.getObject("due_on", LocalDate.class), rs.getString("currency"), buyer,
				rs.getString("buyer_reference"), rs.getString("tax_note"), lines);
	}

	/**
	 * Amounts at the currency's minor units, as they were issued.
	 */
	private static Line scaled(Line line, ResultSet rs) {
		try {
			int scale = Math.max(java.util.Currency.getInstance(rs.getString("currency")).getDefaultFractionDigits(),
					0);
			return new Line(line.position(), line.orderLine(), line.sku(), line.name(), line.quantity(),
					line.unitPrice(), line.discount().setScale(scale), line.net().setScale(scale), line.taxRate(),
					line.tax().setScale(scale), line.category());
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The PDF's document, once rendered.
	 */
	@Transactional(readOnly = true)
	@Nullable UUID pdf(UUID invoice) {
		return this.jdbc.sql("select pdf_document from invoice where id = ?")
			.param(invoice)
			.query(UUID.class)
			.optional()
			.orElse(null);
	}

}
