package io.concierge.billing;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.billing.BillingEvents.SupplierInvoiceChanged;
import io.concierge.billing.SupplierInvoice.Status;
import io.concierge.documents.DocumentKind;
import io.concierge.documents.DocumentRefused;
import io.concierge.documents.Documents;
import io.concierge.shared.NotFound;

/**
 * Accounts payable: the invoices suppliers send Concierge. A supplier is any id and name
 * another module gives (billing knows nothing of partners). A submission is checked as a
 * whole (amounts from 0 with gross the sum of net and tax, the due date not before the
 * issue date, an ISO 4217 currency, the supplier's number used once) and refused with a
 * message key, nothing stored. Finance (operations, administrators: the web chain decides
 * who reaches these calls) approve, dispute with a reason, and mark paid.
 */
@Service
public class SupplierInvoices {

	private static final Pattern NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9./_-]{0,39}");

	private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,13}(\\.[0-9]{1,4})?");

	private static final int MOST_REASON = 500;

	private final JdbcClient jdbc;

	private final Documents documents;

	private final BillingAudit audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SupplierInvoices(JdbcClient jdbc, Documents documents, BillingAudit audit, ApplicationEventPublisher events,
			Clock clock) {
		this.jdbc = jdbc;
		this.documents = documents;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * A supplier invoice as the supplier wrote it, unchecked.
	 *
	 * @param supplier the supplier's id in the module that knows suppliers
	 * @param reference what it bills, such as a purchase order's number
	 * @param pdf the invoice as PDF, if the supplier sent one
	 */
	public record Submission(UUID supplier, String supplierName, String number, String reference, String issuedOn,
			String dueOn, String currency, String net, String tax, String gross, @Nullable Pdf pdf) {

	}

	/**
	 * The supplier's PDF, kept encrypted in the document store for the person who sent
	 * it.
	 *
	 * @param keeper the account of the person who sent it
	 */
	public record Pdf(UUID keeper, @Nullable String name, byte[] content) {

	}

	/**
	 * Checks and keeps a supplier's invoice as {@link Status#RECEIVED}.
	 * @throws InvalidSupplierInvoice saying what is wrong; nothing is stored and the
	 * refusal is in the audit trail
	 */
	@Transactional
	public SupplierInvoice submit(Submission submission, String actor, String origin) {
		String subject = submission.supplierName() + " " + submission.number().strip();
		try {
			return take(submission, actor, origin);
		}
		catch (InvalidSupplierInvoice ex) {
			this.audit.supplierInvoiceRefused(actor, subject, ex, origin);
			throw ex;
		}
	}

	private SupplierInvoice take(Submission submission, String actor, String origin) {
		String number = submission.number().strip();
		if (!NUMBER.matcher(number).matches()) {
			throw new InvalidSupplierInvoice("number", number);
		}
		String reference = submission.reference().strip();
		if (reference.isEmpty() || reference.length() > 60) {
			throw new InvalidSupplierInvoice("reference", reference);
		}
		LocalDate issued = date(submission.issuedOn(), "issuedOn");
		LocalDate due = date(submission.dueOn(), "dueOn");
		if (due.isBefore(issued)) {
			throw new InvalidSupplierInvoice("dueBeforeIssue", due + " < " + issued);
		}
		Currency currency = currency(submission.currency().strip());
		BigDecimal net = amount(submission.net(), currency, "net");
		BigDecimal tax = amount(submission.tax(), currency, "tax");
		BigDecimal gross = amount(submission.gross(), currency, "gross");
		if (net.add(tax).compareTo(gross) != 0) {
			throw new InvalidSupplierInvoice("gross", net.add(tax).toPlainString());
		}
		boolean used = this.jdbc.sql("select count(*) from supplier_invoice where supplier_id = ? and number = ?")
			.params(submission.supplier(), number)
			.query(Long.class)
			.single() > 0;
		if (used) {
			throw new InvalidSupplierInvoice("duplicate", number);
		}
		UUID pdf = (submission.pdf() != null) ? keep(submission.pdf(), actor, origin) : null;
		UUID id = UUID.randomUUID();
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				insert into supplier_invoice (id, supplier_id, supplier_name, number, reference, issued_on, due_on,
				  currency, net, tax, gross, pdf_document, status, submitted_by, submitted_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?, ?)""")
			.params(id, submission.supplier(), submission.supplierName(), number, reference, issued, due,
					currency.getCurrencyCode(), net, tax, gross, pdf, actor, now.atOffset(ZoneOffset.UTC))
			.update();
		SupplierInvoice invoice = find(id).orElseThrow();
		announce(invoice, "submitted", actor, origin, now);
		return invoice;
	}

	private UUID keep(Pdf pdf, String actor, String origin) {
		byte[] content = pdf.content();
		if (content.length < 5
				|| !new String(content, 0, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("%PDF-")) {
			throw new InvalidSupplierInvoice("notPdf", (pdf.name() != null) ? pdf.name() : "");
		}
		Documents.Kept kept;
		try {
			kept = this.documents.keep(pdf.keeper(), actor, origin, DocumentKind.INVOICE, pdf.name(), content);
		}
		catch (DocumentRefused ex) {
			throw new InvalidSupplierInvoice(
					"tooLarge".equals(ex.reason()) || "too-large".equals(ex.reason()) ? "pdfTooLarge" : "notPdf",
					(pdf.name() != null) ? pdf.name() : "");
		}
		if (kept.state() == Documents.State.QUARANTINED) {
			throw new InvalidSupplierInvoice("malware", (pdf.name() != null) ? pdf.name() : "");
		}
		return kept.id();
	}

	/**
	 * Finance approve a received (or settled disputed) invoice for payment.
	 * @throws InvalidSupplierInvoice when its status does not allow it
	 */
	@Transactional
	public SupplierInvoice approve(UUID id, String actor, String origin) {
		return move(id, Status.APPROVED, null, actor, origin);
	}

	/**
	 * Finance dispute an invoice with the supplier, saying why.
	 * @throws InvalidSupplierInvoice when the reason is missing or its status does not
	 * allow it
	 */
	@Transactional
	public SupplierInvoice dispute(UUID id, String reason, String actor, String origin) {
		String why = reason.strip();
		if (why.isEmpty() || why.length() > MOST_REASON) {
			SupplierInvoice invoice = find(id).orElseThrow(() -> new NotFound("supplier invoice " + id));
			InvalidSupplierInvoice refusal = new InvalidSupplierInvoice("disputeReason", "");
			this.audit.supplierInvoiceRefused(actor, invoice.supplierName() + " " + invoice.number(), refusal, origin);
			throw refusal;
		}
		return move(id, Status.DISPUTED, why, actor, origin);
	}

	/**
	 * Finance mark an approved invoice paid.
	 * @throws InvalidSupplierInvoice when it is not approved
	 */
	@Transactional
	public SupplierInvoice markPaid(UUID id, String actor, String origin) {
		return move(id, Status.PAID, null, actor, origin);
	}

	private SupplierInvoice move(UUID id, Status next, @Nullable String reason, String actor, String origin) {
		SupplierInvoice invoice = find(id).orElseThrow(() -> new NotFound("supplier invoice " + id));
		if (!invoice.status().canTransitionTo(next)) {
			InvalidSupplierInvoice refusal = new InvalidSupplierInvoice("status." + next, invoice.status().name());
			this.audit.supplierInvoiceRefused(actor, invoice.supplierName() + " " + invoice.number(), refusal, origin);
			throw refusal;
		}
		Instant now = this.clock.instant();
		String who = switch (next) {
			case APPROVED -> "approved";
			case DISPUTED -> "disputed";
			case PAID -> "paid";
			case RECEIVED -> throw new IllegalArgumentException("Nothing moves back to received");
		};
		int moved = this.jdbc.sql("""
				update supplier_invoice set status = ?, %1$s_by = ?, %1$s_at = ?,
				  dispute_reason = coalesce(?, dispute_reason)
				where id = ? and status = ?""".formatted(who))
			.params(next.name(), actor, now.atOffset(ZoneOffset.UTC), reason, id, invoice.status().name())
			.update();
		if (moved == 0) {
			throw new InvalidSupplierInvoice("status." + next, "changed meanwhile");
		}
		SupplierInvoice changed = find(id).orElseThrow();
		announce(changed, who, actor, origin, now);
		return changed;
	}

	private void announce(SupplierInvoice invoice, String what, String actor, String origin, Instant now) {
		String subject = invoice.supplierName() + " " + invoice.number() + " (" + invoice.reference() + ") "
				+ invoice.gross().toPlainString() + " " + invoice.currency()
				+ ((invoice.status() == Status.DISPUTED) ? ": " + invoice.disputeReason() : "");
		this.events
			.publishEvent(new SupplierInvoiceChanged(actor, "billing.supplier-invoice." + what, subject, origin, now));
	}

	/**
	 * The supplier's invoices, newest first.
	 */
	@Transactional(readOnly = true)
	public List<SupplierInvoice> of(UUID supplier) {
		return invoices("where supplier_id = ? order by submitted_at desc, number limit 500", supplier);
	}

	/**
	 * The supplier's invoices for one reference (a purchase order), newest first.
	 */
	@Transactional(readOnly = true)
	public List<SupplierInvoice> of(UUID supplier, String reference) {
		return invoices("where supplier_id = ? and reference = ? order by submitted_at desc", supplier, reference);
	}

	/**
	 * One of the supplier's invoices; another supplier's is not found.
	 */
	@Transactional(readOnly = true)
	public Optional<SupplierInvoice> find(UUID supplier, UUID id) {
		return invoices("where supplier_id = ? and id = ?", supplier, id).stream().findFirst();
	}

	/**
	 * Any supplier's invoice, for finance.
	 */
	@Transactional(readOnly = true)
	public Optional<SupplierInvoice> find(UUID id) {
		return invoices("where id = ?", id).stream().findFirst();
	}

	/**
	 * Every supplier's invoices for finance: those to decide first, then those to pay,
	 * each by due date.
	 */
	@Transactional(readOnly = true)
	public List<SupplierInvoice> all() {
		return invoices("""
				order by case status when 'RECEIVED' then 0 when 'APPROVED' then 1 when 'DISPUTED' then 2 else 3 end,
				  due_on, submitted_at desc limit 500""");
	}

	/**
	 * The invoice's PDF for someone the calling module has let see it.
	 */
	@Transactional
	public Optional<Documents.Opened> pdf(SupplierInvoice invoice, String actor) {
		if (invoice.pdfDocument() == null) {
			return Optional.empty();
		}
		return Optional.of(this.documents.openGenerated(invoice.pdfDocument(), actor,
				"supplier invoice " + invoice.supplierName() + " " + invoice.number()));
	}

	private List<SupplierInvoice> invoices(String where, Object... params) {
		return this.jdbc.sql("select * from supplier_invoice " + where).params(params).query(this::row).list();
	}

	private SupplierInvoice row(ResultSet row, int n) throws SQLException {
		return new SupplierInvoice(row.getObject("id", UUID.class), row.getObject("supplier_id", UUID.class),
				row.getString("supplier_name"), row.getString("number"), row.getString("reference"),
				row.getObject("issued_on", LocalDate.class), row.getObject("due_on", LocalDate.class),
				row.getString("currency").strip(), scaled(row, "net"), scaled(row, "tax"), scaled(row, "gross"),
				row.getObject("pdf_document", UUID.class), Status.valueOf(row.getString("status")),
				row.getString("dispute_reason"), row.getString("submitted_by"), instant(row, "submitted_at"),
				row.getString("approved_by"), instant(row, "approved_at"), row.getString("disputed_by"),
				instant(row, "disputed_at"), row.getString("paid_by"), instant(row, "paid_at"));
	}

	private static BigDecimal scaled(ResultSet row, String column) throws SQLException {
		BigDecimal amount = row.getBigDecimal(column);
		int digits = Math.max(Currency.getInstance(row.getString("currency").strip()).getDefaultFractionDigits(), 0);
		return (amount.stripTrailingZeros().scale() <= digits) ? amount.setScale(digits) : amount.stripTrailingZeros();
	}

	private static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
		OffsetDateTime at = row.getObject(column, OffsetDateTime.class);
		return (at != null) ? at.toInstant() : null;
	}

	private static LocalDate date(String text, String field) {
		try {
			return LocalDate.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidSupplierInvoice(field, text.strip());
		}
	}

	private static Currency currency(String text) {
		if (text.matches("[A-Z]{3}")) {
			try {
				return Currency.getInstance(text);
			}
			catch (IllegalArgumentException ex) {
				// not in ISO 4217: refused below
			}
		}
		throw new InvalidSupplierInvoice("currency", text);
	}

	private static BigDecimal amount(String text, Currency currency, String field) {
		String value = text.strip();
		if (value.startsWith("-")) {
			throw new InvalidSupplierInvoice("negative", value);
		}
		if (!AMOUNT.matcher(value).matches()) {
			throw new InvalidSupplierInvoice("amount", value);
		}
		BigDecimal amount = new BigDecimal(value);
		if (amount.stripTrailingZeros().scale() > Math.max(currency.getDefaultFractionDigits(), 0)) {
			throw new InvalidSupplierInvoice("decimals", value);
		}
		return amount;
	}

}
