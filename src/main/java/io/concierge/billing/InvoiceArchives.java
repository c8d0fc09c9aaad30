package io.concierge.billing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.concierge.documents.Documents;
import io.concierge.identity.Caller;
import io.concierge.shared.NotFound;

/**
 * Zips of a period's invoices and credit notes for finance users: prepared in the
 * background with its progress counted (each PDF not rendered yet is rendered), resumed
 * after a restart, and streamed one document at a time when downloaded.
 */
@Service
public class InvoiceArchives {

	private static final Logger logger = LoggerFactory.getLogger(InvoiceArchives.class);

	/** The most a zip holds; a longer period is refused. */
	static final int MOST = 20_000;

	private final JdbcClient jdbc;

	private final InvoicePdfs pdfs;

	private final Documents documents;

	private final Clock clock;

	InvoiceArchives(JdbcClient jdbc, InvoicePdfs pdfs, Documents documents, Clock clock) {
		this.jdbc = jdbc;
		this.pdfs = pdfs;
		this.documents = documents;
		this.clock = clock;
	}

	public record Archive(UUID id, LocalDate from, LocalDate to, String status, int total, int done) {

		public int percent() {
			return (this.total == 0) ? 100 : this.done * 100 / this.total;
		}

	}

	/**
	 * Starts preparing the zip of the caller's documents issued from one day to another.
	 * @throws InvalidPayment ({@code archive.*}) for a period that is reversed or holds
	 * too many
	 */
	public Archive start(Caller caller, LocalDate from, LocalDate to, String actor) {
		if (!Billing.mayBill(caller)) {
			throw new NotFound("billing");
		}
		if (to.isBefore(from)) {
			throw new InvalidPayment("archive.period");
		}
		int total = ids(Billing.owner(caller), caller.organisation() != null, from, to).size();
		if (total > MOST) {
			throw new InvalidPayment("archive.tooMany", total, MOST);
		}
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into invoice_archive (id, owner, company, requested_by, from_date, to_date, status, total,
				  created_at) values (?, ?, ?, ?, ?, ?, 'RUNNING', ?, ?)""")
			.params(id, Billing.owner(caller), caller.organisation() != null, actor, from, to, total,
					this.clock.instant().atOffset(ZoneOffset.UTC))
			.update();
		Thread.ofVirtual().name("invoice-archive-" + id).start(() -> prepare(id));
		return new Archive(id, from, to, "RUNNING", total, 0);
	}

	public Optional<Archive> find(Caller caller, UUID id) {
		if (!Billing.mayBill(caller)) {
			return Optional.empty();
		}
		return this.jdbc.sql("select * from invoice_archive where id = ? and owner = ?")
			.params(id, Billing.owner(caller))
			.query((rs, n) -> new Archive(rs.getObject("id", UUID.class), rs.getObject("from_date", LocalDate.class),
					rs.getObject("to_date", LocalDate.class), rs.getString("status"), rs.getInt("total"),
					rs.getInt("done")))
			.optional();
	}

	/**
	 * Writes the zip of a ready archive: each PDF as it is read, and an index.
	 */
	public void write(Caller caller, UUID id, String actor, OutputStream out) throws IOException {
		Archive archive = find(caller, id).filter((found) -> found.status().equals("READY"))
			.orElseThrow(() -> new NotFound("archive " + id));
		List<UUID> invoices = ids(Billing.owner(caller), caller.organisation() != null, archive.from(), archive.to());
		StringBuilder index = new StringBuilder("number,kind,order,issued_at,currency,total\r\n");
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			for (UUID invoice : invoices) {
				var row = this.jdbc
					.sql("select number, kind, order_number, issued_at, currency, total from invoice where id = ?")
					.param(invoice)
					.query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3),
							rs.getTimestamp(4).toInstant().toString(), rs.getString(5),
							rs.getBigDecimal(6).stripTrailingZeros().toPlainString()))
					.single();
				zip.putNextEntry(new ZipEntry(row.get(0) + ".pdf"));
				zip.write(this.documents.read(this.pdfs.pdf(invoice), "archive " + id + " for " + actor));
				zip.closeEntry();
				index.append(String.join(",", row)).append("\r\n");
			}
			zip.putNextEntry(new ZipEntry("index.csv"));
			zip.write(index.toString().getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
		}
	}

	private void prepare(UUID id) {
		try {
			var archive = this.jdbc.sql("select owner, company, from_date, to_date from invoice_archive where id = ?")
				.param(id)
				.query((rs, n) -> ids(rs.getObject(1, UUID.class), rs.getBoolean(2), rs.getObject(3, LocalDate.class),
						rs.getObject(4, LocalDate.class)))
				.single();
			int done = 0;
			for (UUID invoice : archive) {
				this.pdfs.pdf(invoice);
				done++;
				this.jdbc.sql("update invoice_archive set done = ? where id = ?").params(done, id).update();
			}
			this.jdbc.sql("update invoice_archive set status = 'READY', done = total where id = ?").param(id).update();
		}
		catch (RuntimeException ex) {
			logger.error("Invoice archive {} failed", id, ex);
			this.jdbc.sql("update invoice_archive set status = 'FAILED' where id = ?").param(id).update();
		}
	}

	/**
	 * Goes on with the archives a stop interrupted.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void resume() {
		this.jdbc.sql("select id from invoice_archive where status = 'RUNNING'")
			.query(UUID.class)
			.list()
			.forEach((id) -> Thread.ofVirtual().name("invoice-archive-" + id).start(() -> prepare(id)));
	}

	private List<UUID> ids(UUID owner, boolean company, LocalDate from, LocalDate to) {
		return this.jdbc
			.sql("select i.id from invoice i where " + Billing.scope(company)
					+ " and i.issued_at >= ? and i.issued_at < ? order by i.issued_at, i.number")
			.params(owner, from.atStartOfDay().atOffset(ZoneOffset.UTC),
					to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC))
			.query(UUID.class)
			.list();
	}

}
