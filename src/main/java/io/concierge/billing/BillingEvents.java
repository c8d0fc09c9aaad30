package io.concierge.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.concierge.shared.AuditableEvent;

/**
 * What happens in billing, for the notifications, the audit trail and the analytics.
 * Issued documents are their own record (numbered, never changed), so only money moving
 * and refusals go to the audit trail.
 */
public final class BillingEvents {

	private BillingEvents() {
	}

	/**
	 * Whom a billing event is for: the order's customer account or, without one, the
	 * address the channel gave.
	 */
	public sealed interface ForCustomer {

		String number();

		String orderNumber();

		@Nullable UUID account();

		@Nullable String email();

		Instant occurredAt();

	}

	public record InvoiceIssued(UUID invoice, String number, String orderNumber, @Nullable UUID account,
			@Nullable UUID organisation, @Nullable String email, BigDecimal total, String currency, LocalDate dueOn,
			Instant occurredAt) implements ForCustomer, AuditableEvent {

		@Override
		public String actor() {
			return "system";
		}

		@Override
		public String action() {
			return "billing.invoice.issued";
		}

		@Override
		public String subject() {
			return this.number + " (" + this.orderNumber + ")";
		}

		@Override
		public String origin() {
			return "system";
		}

	}

	/**
	 * @param corrects the number of the invoice it corrects
	 */
	public record CreditNoteIssued(UUID creditNote, String number, String corrects, String orderNumber,
			@Nullable UUID account, @Nullable UUID organisation, @Nullable String email, BigDecimal total,
			String currency, Instant occurredAt) implements ForCustomer {

	}

	/**
	 * An invoice was paid (or a refund paid out, for a credit note): the receipt.
	 *
	 * @param number the invoice's or credit note's number
	 */
	public record PaymentSettled(UUID payment, String kind, String number, String orderNumber, @Nullable UUID account,
			@Nullable String email, BigDecimal amount, String currency, String provider,
			Instant occurredAt) implements ForCustomer, AuditableEvent {

		@Override
		public String actor() {
			return this.provider;
		}

		@Override
		public String action() {
			return "billing." + this.kind.toLowerCase(java.util.Locale.ROOT) + ".settled";
		}

		@Override
		public String subject() {
			return this.number + " " + this.amount.toPlainString() + " " + this.currency;
		}

		@Override
		public String origin() {
			return this.provider;
		}

	}

	/**
	 * A reminder of an invoice still open: before its due date, or after it.
	 *
	 * @param stage {@code due-soon} or {@code overdue}
	 */
	public record InvoiceReminder(String number, String orderNumber, String stage, @Nullable UUID account,
			@Nullable String email, BigDecimal open, String currency, LocalDate dueOn,
			Instant occurredAt) implements ForCustomer {

	}

	/**
	 * The customer asked for an invoice to be mailed to them again.
	 */
	public record InvoiceResent(String number, String orderNumber, @Nullable UUID account, @Nullable String email,
			Instant occurredAt) implements ForCustomer {

	}

	/**
	 * A payment or a provider's webhook refused: forged, replayed, for another's invoice,
	 * or not matching the invoice.
	 */
	public record PaymentRefused(String actor, String subject, String reason, String origin,
			Instant occurredAt) implements AuditableEvent {

		@Override
		public String action() {
			return "billing.payment.refused";
		}

		@Override
		public String subject() {
			return this.subject + ": " + this.reason;
		}

	}

	/**
	 * A supplier invoice was submitted, approved, disputed or marked paid, or a
	 * submission or change was refused ({@code billing.supplier-invoice.refused}): for
	 * the audit trail.
	 *
	 * @param action
	 * {@code billing.supplier-invoice.<submitted|approved|disputed|paid|refused>}
	 */
	public record SupplierInvoiceChanged(String actor, String action, String subject, String origin,
			Instant occurredAt) implements AuditableEvent {

	}

}
