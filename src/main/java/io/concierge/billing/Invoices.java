package io.concierge.billing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
		issueAll(List.of(draft));
		return bySource(draft.source()).orElseThrow();
	}

	/**
	 * Issues many drafted invoices at once (a collective invoicing run, a backfill): one
	 * block of numbers taken for all, their rows written in batches. Drafts whose source
	 * was issued already are left out, so the block has no gap. Called from outside, a
	 * batch commits on its own.
	 * @return how many were issued
	 */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.REQUIRES_NEW)
	public int issueAll(List<Invoice> drafts) {
		if (drafts.isEmpty()) {
			return 0;
		}
		java.util.Set<String> known = new java.util.HashSet<>(
				this.jdbc.sql("select source from invoice where source in (:sources)")
					.param("sources", drafts.stream().map(Invoice::source).toList())
					.query(String.class)
					.list());
		Map<String, List<Invoice>> bySeries = new java.util.LinkedHashMap<>();
		for (Invoice draft : drafts) {
			if (known.add(draft.source())) {
				String series = (draft.kind() == Kind.INVOICE) ? this.settings.invoiceSeries()
						: this.settings.creditNoteSeries();
				bySeries
					.computeIfAbsent(series + "/" + draft.issuedAt().atOffset(ZoneOffset.UTC).getYear(),
							(key) -> new ArrayList<>())
					.add(draft);
			}
		}
		int issued = 0;
		for (Map.Entry<String, List<Invoice>> block : bySeries.entrySet()) {
			String series = block.getKey().substring(0, block.getKey().indexOf('/'));
			int year = Integer.parseInt(block.getKey().substring(block.getKey().indexOf('/') + 1));
			int count = block.getValue().size();
			long last = this.jdbc.sql("""
					insert into billing_sequence (series, year, last) values (?, ?, ?)
					on conflict (series, year) do update set last = billing_sequence.last + ?
					returning last""").params(series, year, count, count).query(Long.class).single();
			long sequence = last - count;
			for (Invoice draft : block.getValue()) {
				sequence++;
				Invoice document = draft.issued(draft.id(), "%s-%d-%06d".formatted(series, year, sequence),
						draft.issuedAt());
				insert(document, series, year, sequence);
				announce(document);
				issued++;
			}
		}
		return issued;
	}

	private void insert(Invoice issued, String series, int year, long sequence) {
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
	}

	private void announce(Invoice issued) {
		Buyer buyer = issued.buyer();
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
