package io.concierge.partners;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.billing.SupplierInvoice;
import io.concierge.billing.SupplierInvoices;
import io.concierge.identity.Accounts;
import io.concierge.shared.EmailAddress;

/**
 * A vendor's invoices for its purchase orders, kept by billing as supplier invoices (the
 * vendor the supplier, the purchase order's number the reference). A vendor invoices only
 * a purchase order of its own that it has shipped (sent its 856 for), and sees only its
 * own invoices. Finance see each with whether the warehouse received what the purchase
 * order shipped.
 */
@Service
public class VendorInvoices {

	private final PurchaseOrders orders;

	private final SupplierInvoices invoices;

	private final Accounts accounts;

	private final VendorAudit audit;

	VendorInvoices(PurchaseOrders orders, SupplierInvoices invoices, Accounts accounts, VendorAudit audit) {
		this.orders = orders;
		this.invoices = invoices;
		this.accounts = accounts;
		this.audit = audit;
	}

	/**
	 * The invoice as the vendor filled in the form, unchecked.
	 */
	public record Draft(String number, String issuedOn, String dueOn, String currency, String net, String tax,
			String gross) {

	}

	/**
	 * A supplier invoice for finance with the purchase order it bills, if it is a
	 * vendor's.
	 */
	public record Review(SupplierInvoice invoice, @Nullable PurchaseOrder order) {

		/**
		 * What the warehouse made of the goods: {@code MATCHES}, {@code DISCREPANCY},
		 * {@code NOT_RECEIVED} or {@code UNKNOWN} (no such purchase order).
		 */
		public String goods() {
			if (this.order == null) {
				return "UNKNOWN";
			}
			if (this.order.status() != PurchaseOrder.Status.RECEIVED) {
				return "NOT_RECEIVED";
			}
			return this.order.discrepancy() ? "DISCREPANCY" : "MATCHES";
		}

	}

	/**
	 * The vendor's invoice for its shipped purchase order.
	 * @param pdf the invoice as PDF, or null
	 * @throws VendorRefused when the vendor has no such purchase order or it has not
	 * shipped yet
	 * @throws io.concierge.billing.InvalidSupplierInvoice when the invoice itself is at
	 * fault; nothing is stored either way
	 */
	@Transactional
	public SupplierInvoice submit(Partner vendor, String purchaseOrder, Draft draft, byte @Nullable [] pdf,
			@Nullable String pdfName, String actor, String origin) {
		PurchaseOrder order = this.orders.find(vendor, purchaseOrder.strip()).orElse(null);
		if (order == null) {
			throw refused(vendor, new VendorRefused("unknownPo", 0, purchaseOrder), actor, origin);
		}
		if (order.status() == PurchaseOrder.Status.ACKNOWLEDGED) {
			throw refused(vendor, new VendorRefused("invoiceBeforeShipping", 0, order.number()), actor, origin);
		}
		SupplierInvoices.Pdf file = null;
		if (pdf != null && pdf.length > 0) {
			UUID keeper = this.accounts.findByEmail(EmailAddress.of(actor)).orElseThrow().id();
			file = new SupplierInvoices.Pdf(keeper, pdfName, pdf);
		}
		return this.invoices
			.submit(new SupplierInvoices.Submission(vendor.id(), vendor.name(), draft.number(), order.number(),
					draft.issuedOn(), draft.dueOn(), draft.currency(), draft.net(), draft.tax(), draft.gross(), file),
					actor, origin);
	}

	/**
	 * The vendor's invoices, newest first.
	 */
	@Transactional(readOnly = true)
	public List<SupplierInvoice> of(Partner vendor) {
		return this.invoices.of(vendor.id());
	}

	/**
	 * The vendor's invoices for one of its purchase orders.
	 */
	@Transactional(readOnly = true)
	public List<SupplierInvoice> of(Partner vendor, String purchaseOrder) {
		return this.invoices.of(vendor.id(), purchaseOrder);
	}

	/**
	 * One of the vendor's invoices; another vendor's is not found.
	 */
	@Transactional(readOnly = true)
	public Optional<SupplierInvoice> find(Partner vendor, UUID id) {
		return this.invoices.find(vendor.id(), id);
	}

	/**
	 * Every supplier invoice for finance, each with its purchase order.
	 */
	@Transactional(readOnly = true)
	public List<Review> all() {
		return this.invoices.all().stream().map(this::review).toList();
	}

	@Transactional(readOnly = true)
	public Optional<Review> review(UUID id) {
		return this.invoices.find(id).map(this::review);
	}

	private Review review(SupplierInvoice invoice) {
		Partner vendor = new Partner(invoice.supplier(), Partner.Kind.VENDOR, invoice.supplierName(), null,
				invoice.submittedAt());
		return new Review(invoice, this.orders.find(vendor, invoice.reference()).orElse(null));
	}

	private VendorRefused refused(Partner vendor, VendorRefused refusal, String actor, String origin) {
		this.audit.refused(vendor, refusal, actor, origin);
		return refusal;
	}

}
