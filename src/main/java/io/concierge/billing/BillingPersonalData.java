package io.concierge.billing;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.concierge.documents.Documents;
import io.concierge.shared.DataSubject;
import io.concierge.shared.ExportRows;
import io.concierge.shared.PersonalData;

/**
 * What billing keeps about a person: the invoices and credit notes issued to them as a
 * private customer (or to their address as a guest) and the payments made on them. An
 * erasure waits for unpaid invoices; it then keeps the invoices, billing address
 * included, for the ten years tax law asks, and pseudonymises who made the payments. A
 * company's export holds its invoices, with their PDFs as files. Who submitted, approved,
 * disputed or paid a supplier's invoice is pseudonymised; the invoice stays.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 2)
class BillingPersonalData implements PersonalData {

	/** The person's invoices, with the account and the address as parameters. */
	private static final String MINE = "((i.account_id = ? and i.organisation_id is null) or lower(i.buyer_email) = lower(?))";

	private final JdbcClient jdbc;

	private final Documents documents;

	BillingPersonalData(JdbcClient jdbc, Documents documents) {
		this.jdbc = jdbc;
		this.documents = documents;
	}

	@Override
	public String section() {
		return "billing";
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject subject) {
		String scope = subject.isCompany() ? "i.organisation_id = ?" : MINE;
		Object[] parameters = subject.isCompany() ? new Object[] { subject.company() }
				: new Object[] { subject.account(), subject.email() };
		Map<String, List<Map<String, Object>>> data = new LinkedHashMap<>();
		data.put("invoices", ExportRows.of(this.jdbc.sql("""
				select i.kind, i.number, i.order_number, (select c.number from invoice c where c.id = i.corrects)
				  as corrects, i.issued_at, i.delivered_on, i.due_on, i.currency, i.net_total, i.tax_total, i.total,
				  %s as open, i.buyer_name, i.buyer_lines, i.buyer_postal_code, i.buyer_city, i.buyer_country,
				  i.buyer_vat_id, i.buyer_email, i.buyer_reference, i.tax_note
				from invoice i where %s order by i.issued_at, i.number""".formatted(Billing.OPEN, scope))
			.params(parameters)));
		data.put("invoice_lines", ExportRows.of(this.jdbc.sql("""
				select i.number as invoice_number, l.position, l.sku, l.name, l.quantity, l.unit_price, l.discount,
				  l.net, l.tax_rate, l.tax, l.tax_category
				from invoice_line l join invoice i on i.id = l.invoice_id
				where %s order by i.issued_at, i.number, l.position""".formatted(scope)).params(parameters)));
		data.put("payments", ExportRows.of(this.jdbc.sql("""
				select i.number as invoice_number, p.kind, p.provider, p.amount, p.currency, p.status, p.created_at,
				  p.settled_at
				from payment p join invoice i on i.id = p.invoice_id
				where %s order by p.created_at""".formatted(scope)).params(parameters)));
		if (!subject.isCompany()) {
			data.put("supplier_invoices_handled", ExportRows.of(this.jdbc.sql("""
					select supplier_name, number, reference, status, submitted_by, submitted_at, approved_by,
					  approved_at, disputed_by, disputed_at, paid_by, paid_at
					from supplier_invoice
					where ? in (submitted_by, approved_by, disputed_by, paid_by) order by submitted_at""")
				.params(subject.email())));
		}
		return data;
	}

	/**
	 * A company's invoices as PDFs, those rendered already; a person's are among their
	 * documents.
	 */
	@Override
	public void files(DataSubject subject, Files sink) throws IOException {
		if (!subject.isCompany()) {
			return;
		}
		List<Map.Entry<String, UUID>> pdfs = this.jdbc.sql("""
				select number, pdf_document from invoice where organisation_id = ? and pdf_document is not null
				order by issued_at, number""")
			.param(subject.company())
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getObject(2, UUID.class)))
			.list();
		for (Map.Entry<String, UUID> pdf : pdfs) {
			sink.add("invoices/" + pdf.getKey() + ".pdf", this.documents.read(pdf.getValue(), "data export"));
		}
	}

	@Override
	public List<Blocker> blockers(DataSubject subject) {
		long unpaid = this.jdbc
			.sql("""
					select count(*) from invoice i
					where i.kind = 'INVOICE' and i.organisation_id is null and %s and %s > 0""".formatted(MINE,
					Billing.OPEN))
			.params(subject.account(), subject.email())
			.query(Long.class)
			.single();
		return (unpaid == 0) ? List.of() : List.of(new Blocker("privacy.blocker.unpaidInvoices", List.of(unpaid)));
	}

	@Override
	public List<Erased> erase(DataSubject subject, String pseudonym) {
		String address = pseudonym + "@erased.invalid";
		long invoices = this.jdbc.sql("select count(*) from invoice i where " + MINE)
			.params(subject.account(), subject.email())
			.query(Long.class)
			.single();
		long payments = this.jdbc
			.sql("""
					update payment set created_by = ?
					where created_by = ? or (created_by <> 'system' and invoice_id in (select i.id from invoice i where %s))"""
				.formatted(MINE))
			.params(address, subject.email(), subject.account(), subject.email())
			.update();
		this.jdbc.sql("update invoice_archive set requested_by = ? where requested_by = ?")
			.params(address, subject.email())
			.update();
		long supplierInvoices = 0;
		for (String column : List.of("submitted_by", "approved_by", "disputed_by", "paid_by")) {
			supplierInvoices += this.jdbc
				.sql("update supplier_invoice set %1$s = ? where lower(%1$s) = lower(?)".formatted(column))
				.params(address, subject.email())
				.update();
		}
		return List.of(Erased.kept("billing.invoices", invoices), Erased.pseudonymised("billing.payments", payments),
				Erased.pseudonymised("billing.supplier-invoices", supplierInvoices));
	}

}
