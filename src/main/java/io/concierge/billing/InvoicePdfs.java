package io.concierge.billing;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.concierge.billing.BillingEvents.CreditNoteIssued;
import io.concierge.billing.BillingEvents.InvoiceIssued;
import io.concierge.documents.DocumentKind;
import io.concierge.documents.Documents;

/**
 * Renders each issued document's PDF once, after its number is taken, and keeps it in the
 * document store: by a few workers in the background (as many as
 * {@code concierge.billing.pdf-workers}), woken by each issue and every half minute, so a
 * stop in between loses nothing; or at once when someone asks for a PDF not rendered yet.
 * Two renderers never store the same invoice twice: each takes the invoice's row lock
 * first.
 */
@Component
public class InvoicePdfs implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(InvoicePdfs.class);

	private final Invoices invoices;

	private final InvoiceDocuments documents;

	private final Documents store;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final int workers;

	private final Semaphore wake = new Semaphore(0);

	private volatile boolean running;

	private ExecutorService executor = Executors.newSingleThreadExecutor();

	InvoicePdfs(Invoices invoices, InvoiceDocuments documents, Documents store, JdbcClient jdbc,
			TransactionTemplate transactions, @Value("${concierge.billing.pdf-workers:2}") int workers) {
		this.invoices = invoices;
		this.documents = documents;
		this.store = store;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.workers = workers;
	}

	/**
	 * The PDF's document, rendered now if no worker has yet.
	 */
	public UUID pdf(UUID invoice) {
		UUID rendered = this.invoices.pdf(invoice);
		return (rendered != null) ? rendered : render(invoice, false);
	}

	/**
	 * Renders and keeps the PDF of an invoice without one; waits for a renderer holding
	 * it, or, when {@code skipLocked}, leaves it to that one.
	 * @return its document, or null when left to another
	 */
	@org.jspecify.annotations.Nullable
	UUID render(UUID invoice, boolean skipLocked) {
		return this.transactions.execute((status) -> {
			// no row: another renderer holds it (with skip locked), or there is no such
			// invoice
			var row = this.jdbc
				.sql("select pdf_document from invoice where id = ? for update" + (skipLocked ? " skip locked" : ""))
				.param(invoice)
				.query((rs, n) -> java.util.Optional.ofNullable(rs.getObject(1, UUID.class)))
				.optional();
			if (row.isEmpty() || row.get().isPresent()) {
				return row.flatMap((document) -> document).orElse(null);
			}
			Invoice issued = this.invoices.find(invoice).orElseThrow();
			byte[] pdf = this.documents.pdf(issued);
			UUID document = this.store.keepGenerated(issued.account(), "system", DocumentKind.INVOICE,
					issued.number() + ".pdf", "application/pdf", pdf);
			this.jdbc.sql("update invoice set pdf_document = ? where id = ?").params(document, invoice).update();
			return document;
		});
	}

	/**
	 * Renders so many of the PDFs not rendered yet, oldest first.
	 * @return how many this call rendered
	 */
	public int renderPending(int most) {
		List<UUID> pending = this.jdbc
			.sql("select id from invoice where pdf_document is null order by issued_at limit ?")
			.param(most)
			.query(UUID.class)
			.list();
		int rendered = 0;
		for (UUID invoice : pending) {
			try {
				if (render(invoice, true) != null) {
					rendered++;
				}
			}
			catch (RuntimeException ex) {
				logger.error("The PDF of invoice {} could not be rendered; it is tried again later", invoice, ex);
			}
		}
		return rendered;
	}

	@ApplicationModuleListener
	void on(InvoiceIssued event) {
		this.wake.release();
	}

	@ApplicationModuleListener
	void on(CreditNoteIssued event) {
		this.wake.release();
	}

	@Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT5S")
	void poll() {
		this.wake.release();
	}

	@Override
	public void start() {
		if (this.workers <= 0) {
			return;
		}
		this.running = true;
		this.executor = Executors.newFixedThreadPool(this.workers,
				Thread.ofPlatform().name("invoice-pdf-", 0).factory());
		for (int i = 0; i < this.workers; i++) {
			this.executor.submit(this::work);
		}
	}

	private void work() {
		while (this.running) {
			try {
				if (this.wake.tryAcquire(30, TimeUnit.SECONDS)) {
					this.wake.drainPermits();
					while (this.running && renderPending(20) > 0) {
						// on until none is left
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				logger.error("Rendering invoices' PDFs failed; trying again on the next wake", ex);
			}
		}
	}

	@Override
	public void stop() {
		this.running = false;
		this.executor.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
