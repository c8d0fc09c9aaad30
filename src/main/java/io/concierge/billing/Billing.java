package io.concierge.billing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.billing.Invoice.Kind;
import io.concierge.identity.Caller;
import io.concierge.identity.OrganisationRole;
import io.concierge.shared.Money;

/**
 * What a customer sees of their billing, always scoped to them: a private customer's own
 * invoices, or their company's for its finance and admin users (a company's buyers and
 * viewers see none). Someone else's invoice is answered like one that does not exist.
 */
@Service
public class Billing {

	/** What is still to pay on an invoice: its total less payments and credit notes. */
	static final String OPEN = """
			(i.total
			 - coalesce((select sum(p.amount) from payment p
			             where p.invoice_id = i.id and p.kind = 'PAYMENT' and p.status = 'SUCCEEDED'), 0)
			 - coalesce((select sum(c.total) from invoice c where c.corrects = i.id), 0)
			 + coalesce((select sum(p.amount) from payment p join invoice c on c.id = p.invoice_id
			             where c.corrects = i.id and p.kind = 'REFUND' and p.status = 'SUCCEEDED'), 0))""";

	/**
	 * The same, for many invoices at once: joins of what was paid, credited and refunded
	 * per invoice, giving {@code p.paid}, {@code c.credited} and {@code r.refunded}.
	 */
	static final String BALANCES = """
			left join (select invoice_id, sum(amount) as paid from payment
			           where kind = 'PAYMENT' and status = 'SUCCEEDED' group by invoice_id) p
			  on p.invoice_id = i.id
			left join (select corrects, sum(total) as credited from invoice
			           where corrects is not null group by corrects) c on c.corrects = i.id
			left join (select n.corrects, sum(x.amount) as refunded from payment x
			           join invoice n on n.id = x.invoice_id
			           where x.kind = 'REFUND' and x.status = 'SUCCEEDED' group by n.corrects) r
			  on r.corrects = i.id""";

	/** What is open, with {@link #BALANCES} joined. */
	static final String OPEN_JOINED = "(i.total - coalesce(p.paid, 0) - coalesce(c.credited, 0) + coalesce(r.refunded, 0))";

	static final String PAID = """
			coalesce((select sum(p.amount) from payment p
			          where p.invoice_id = i.id and p.kind = 'PAYMENT' and p.status = 'SUCCEEDED'), 0)""";

	private final JdbcClient jdbc;

	private final Invoices invoices;

	private final Clock clock;

	Billing(JdbcClient jdbc, Invoices invoices, Clock clock) {
		this.jdbc = jdbc;
		this.invoices = invoices;
		this.clock = clock;
	}

	/**
	 * Whether the caller sees billing at all.
	 */
	public static boolean mayBill(Caller caller) {
		return caller.organisation() == null || caller.may(OrganisationRole.FINANCE)
				|| caller.may(OrganisationRole.ADMIN);
	}

	public enum Status {

		OPEN, PARTLY_PAID, OVERDUE, PAID, CREDITED, CREDIT_NOTE

	}

	public record Summary(UUID id, String number, Kind kind, String orderNumber, Instant issuedAt, LocalDate dueOn,
			String currency, BigDecimal total, BigDecimal open, Status status) {

		public boolean payable() {
			return this.kind == Kind.INVOICE && this.open.signum() > 0;
		}

		public Money totalAmount() {
			return new Money(this.total, java.util.Currency.getInstance(this.currency));
		}

		public Money openAmount() {
			return new Money(this.open, java.util.Currency.getInstance(this.currency));
		}

	}

	/**
	 * @param from issued on or after
	 * @param to issued on or before
	 * @param order an order number, or its start
	 * @param min total at least
	 * @param max total at most
	 */
	public record Filter(@Nullable LocalDate from, @Nullable LocalDate to, @Nullable Status status,
			@Nullable String order, @Nullable BigDecimal min, @Nullable BigDecimal max, int page) {

		public static final int SIZE = 25;

	}

	public record Page(List<Summary> items, int page, boolean hasNext) {

	}

	@Transactional(readOnly = true)
	public Page list(Caller caller, Filter filter) {
		if (!mayBill(caller)) {
			return new Page(List.of(), 0, false);
		}
		StringBuilder where = new StringBuilder(scope(caller));
		List<Object> params = new ArrayList<>(List.of(today(), owner(caller)));
		if (filter.from() != null) {
			where.append(" and i.issued_at >= ?");
			params.add(filter.from().atStartOfDay().atOffset(ZoneOffset.UTC));
		}
		if (filter.to() != null) {
			where.append(" and i.issued_at < ?");
			params.add(filter.to().plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
		}
		if (filter.order() != null && !filter.order().isBlank()) {
			where.append(" and i.order_number like ?");
			params.add(filter.order().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
		}
		if (filter.min() != null) {
			where.append(" and i.total >= ?");
			params.add(filter.min());
		}
		if (filter.max() != null) {
			where.append(" and i.total <= ?");
			params.add(filter.max());
		}
		params.add(Filter.SIZE + 1);
		// in long: a page number from outside cannot overflow into a negative offset
		params.add((long) Math.max(filter.page(), 0) * Filter.SIZE);
		String sql;
		if (filter.status() == null) {
			// the page's rows first (by the index on the owner and the date), then what
			// is
			// open on those alone
			sql = summaries(where + " order by i.issued_at desc, i.number desc limit ? offset ?")
					+ " order by issued_at desc, number desc";
		}
		else {
			// the status depends on what is open, so it is worked out for every document
			// that passes the other filters
			params.add(params.size() - 2, filter.status().name());
			sql = "select * from (" + summaries(where.toString(), true) + ") s where status = ?"
					+ " order by issued_at desc, number desc limit ? offset ?";
		}
		List<Summary> found = this.jdbc.sql(sql).params(params).query(this::summary).list();
		boolean more = found.size() > Filter.SIZE;
		return new Page(more ? found.subList(0, Filter.SIZE) : found, Math.max(filter.page(), 0), more);
	}

	/**
	 * The invoice or credit note with this number, if it is the caller's.
	 */
	@Transactional(readOnly = true)
	public Optional<Summary> summary(Caller caller, String number) {
		if (!mayBill(caller)) {
			return Optional.empty();
		}
		return this.jdbc.sql(summaries(scope(caller) + " and i.number = ?"))
			.params(today(), owner(caller), number)
			.query(this::summary)
			.optional();
	}

	/**
	 * An order's documents, oldest first, with the refunds paid out on each credit note.
	 */
	public record OrderDocument(Summary summary, List<PaymentView> refunds) {

	}

	@Transactional(readOnly = true)
	public List<OrderDocument> ofOrder(Caller caller, String orderNumber) {
		if (!mayBill(caller)) {
			return List.of();
		}
		return this.jdbc.sql(summaries(scope(caller) + " and i.order_number = ?") + " order by issued_at, number")
			.params(today(), owner(caller), orderNumber)
			.query(this::summary)
			.list()
			.stream()
			.map((summary) -> new OrderDocument(summary,
					(summary.kind() == Kind.CREDIT_NOTE)
							? this.jdbc.sql("select * from payment where invoice_id = ? order by created_at")
								.param(summary.id())
								.query(this::payment)
								.list()
							: List.of()))
			.toList();
	}

	/**
	 * An invoice as its page shows it: what it says, what is open, what was paid and
	 * credited.
	 */
	public record Details(Invoice invoice, Summary summary, List<PaymentView> payments, List<Summary> related) {

	}

	public record PaymentView(UUID id, String kind, String provider, BigDecimal amount, String currency, String status,
			@Nullable String failure, Instant createdAt, @Nullable Instant settledAt) {

		public Money money() {
			return new Money(this.amount, java.util.Currency.getInstance(this.currency));
		}

	}

	@Transactional(readOnly = true)
	public Optional<Details> details(Caller caller, String number) {
		return summary(caller, number).map((summary) -> {
			Invoice invoice = this.invoices.find(summary.id()).orElseThrow();
			List<PaymentView> payments = this.jdbc.sql("""
					select p.* from payment p join invoice i on i.id = p.invoice_id
					where i.id = ? or i.corrects = ? order by p.created_at desc""")
				.params(summary.id(), summary.id())
				.query(this::payment)
				.list();
			List<Summary> related = this.jdbc
				.sql(summaries(
						scope(caller) + " and (i.corrects = ? or i.id = (select corrects from invoice where id = ?))"))
				.params(today(), owner(caller), summary.id(), summary.id())
				.query(this::summary)
				.list();
			return new Details(invoice, summary, payments, related);
		});
	}

	/**
	 * One line of the statement of account: an invoice or a refund paid out adds to what
	 * the customer owes, a credit note or a payment takes from it.
	 */
	public record Entry(Instant at, String kind, String number, String orderNumber, String currency, BigDecimal amount,
			BigDecimal balance) {

		public Money money() {
			return new Money(this.amount.stripTrailingZeros(), java.util.Currency.getInstance(this.currency));
		}

		public Money balanceMoney() {
			return new Money(this.balance.stripTrailingZeros(), java.util.Currency.getInstance(this.currency));
		}

	}

	/**
	 * @param opening per currency, the balance before the first entry
	 * @param closing per currency, the balance after the last
	 */
	public record Statement(@Nullable LocalDate from, @Nullable LocalDate to, Map<String, BigDecimal> opening,
			List<Entry> entries, Map<String, BigDecimal> closing) {

		/**
		 * The balances after the last entry, one per currency.
		 */
		public List<Money> balances() {
			return this.closing.entrySet()
				.stream()
				.map((entry) -> new Money(entry.getValue(), java.util.Currency.getInstance(entry.getKey())))
				.toList();
		}

	}

	@Transactional(readOnly = true)
	public Statement statement(Caller caller, @Nullable LocalDate from, @Nullable LocalDate to) {
		if (!mayBill(caller)) {
			return new Statement(from, to, Map.of(), List.of(), Map.of());
		}
		String scope = scope(caller);
		List<Entry> raw = this.jdbc.sql("""
				select i.issued_at as at, i.kind, i.number, i.order_number, i.currency,
				  case when i.kind = 'INVOICE' then i.total else -i.total end as amount
				from invoice i where %s
				union all
				select p.settled_at, p.kind, i.number, i.order_number, p.currency,
				  case when p.kind = 'PAYMENT' then -p.amount else p.amount end
				from payment p join invoice i on i.id = p.invoice_id
				where p.status = 'SUCCEEDED' and %s
				order by 1, 3""".formatted(scope, scope))
			.params(owner(caller), owner(caller))
			.query((rs, n) -> new Entry(rs.getTimestamp("at").toInstant(), rs.getString("kind"), rs.getString("number"),
					rs.getString("order_number"), rs.getString("currency"), rs.getBigDecimal("amount"),
					BigDecimal.ZERO))
			.list();
		Instant start = (from != null) ? from.atStartOfDay().toInstant(ZoneOffset.UTC) : Instant.MIN;
		Instant end = (to != null) ? to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC) : Instant.MAX;
		Map<String, BigDecimal> balance = new LinkedHashMap<>();
		Map<String, BigDecimal> opening = new LinkedHashMap<>();
		List<Entry> entries = new ArrayList<>();
		for (Entry entry : raw) {
			if (!entry.at().isBefore(end)) {
				break;
			}
			BigDecimal after = balance.merge(entry.currency(), entry.amount(), BigDecimal::add);
			if (entry.at().isBefore(start)) {
				opening.put(entry.currency(), after);
			}
			else {
				opening.putIfAbsent(entry.currency(), after.subtract(entry.amount()));
				entries.add(new Entry(entry.at(), entry.kind(), entry.number(), entry.orderNumber(), entry.currency(),
						entry.amount(), after));
			}
		}
		return new Statement(from, to, opening, entries, balance);
	}

	/**
	 * What a company owes per currency, by how long it is overdue, beside its credit
	 * limit and terms. What is open is {@link #OPEN}'s sum, as joins for all invoices at
	 * once.
	 *
	 * @param buckets not yet due, 1–30, 31–60, 61–90 and over 90 days overdue
	 */
	public record Ageing(String currency, List<BigDecimal> buckets, BigDecimal total) {

		public List<Money> amounts() {
			return this.buckets.stream()
				.map((amount) -> new Money(amount, java.util.Currency.getInstance(this.currency)))
				.toList();
		}

		public Money totalMoney() {
			return new Money(this.total, java.util.Currency.getInstance(this.currency));
		}

	}

	public record Account(List<Ageing> ageing, @Nullable BigDecimal creditLimit, @Nullable String limitCurrency,
			int paymentDays, @Nullable String vatId) {

	}

	@Transactional(readOnly = true)
	public Account account(Caller caller, int defaultPaymentDays) {
		List<Ageing> ageing = List.of();
		if (mayBill(caller)) {
			LocalDate today = today();
			ageing = this.jdbc
				.sql("""
						with open as (
						  select i.currency, i.due_on, %s as open
						  from invoice i %s
						  where i.kind = 'INVOICE' and %s)
						select currency,
						  coalesce(sum(open) filter (where due_on >= ?), 0),
						  coalesce(sum(open) filter (where due_on < ? and due_on >= ?), 0),
						  coalesce(sum(open) filter (where due_on < ? and due_on >= ?), 0),
						  coalesce(sum(open) filter (where due_on < ? and due_on >= ?), 0),
						  coalesce(sum(open) filter (where due_on < ?), 0)
						from open where open > 0 group by currency order by currency""".formatted(OPEN_JOINED, BALANCES,
						scope(caller)))
				.params(owner(caller), today, today, today.minusDays(30), today.minusDays(30), today.minusDays(60),
						today.minusDays(60), today.minusDays(90), today.minusDays(90))
				.query((rs, n) -> {
					List<BigDecimal> sums = new ArrayList<>();
					for (int column = 2; column <= 6; column++) {
						sums.add(rs.getBigDecimal(column));
					}
					return new Ageing(rs.getString(1), sums, sums.stream().reduce(BigDecimal.ZERO, BigDecimal::add));
				})
				.list();
		}
		List<Ageing> open = ageing;
		if (caller.organisation() == null) {
			return new Account(open, null, null, defaultPaymentDays, null);
		}
		return this.jdbc
			.sql("select credit_limit, currency, payment_days, vat_id from billing_terms where organisation_id = ?")
			.param(caller.organisation())
			.query((rs, n) -> new Account(open, rs.getBigDecimal("credit_limit"), rs.getString("currency"),
					rs.getInt("payment_days"), rs.getString("vat_id")))
			.optional()
			.orElse(new Account(open, null, null, defaultPaymentDays, null));
	}

	/**
	 * Summaries of the invoices {@code where} says, with two parameters before those of
	 * {@code where}: today (what is overdue) and then {@link #owner(Caller)}.
	 */
	static String summaries(String where) {
		return summaries(where, false);
	}

	/**
	 * @param many whether most of the invoices are read (a filter by status): then what
	 * is open is joined for all at once rather than looked up per invoice
	 */
	static String summaries(String where, boolean many) {
		return """
				select *, case when kind = 'CREDIT_NOTE' then 'CREDIT_NOTE'
				  when open <= 0 then case when paid = 0 and total > 0 then 'CREDITED' else 'PAID' end
				  when due_on < ? then 'OVERDUE' when open < total then 'PARTLY_PAID' else 'OPEN' end as status
				from (select i.id, i.number, i.kind, i.order_number, i.issued_at, i.due_on, i.currency, i.total,
				  case when i.kind = 'CREDIT_NOTE' then 0 else %s end as open,
				  %s as paid
				from invoice i %s where %s) b""".formatted(many ? OPEN_JOINED : OPEN,
				many ? "coalesce(p.paid, 0)" : PAID, many ? BALANCES : "", where);
	}

	private LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	private PaymentView payment(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new PaymentView(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("provider"),
				rs.getBigDecimal("amount"), rs.getString("currency"), rs.getString("status"), rs.getString("failure"),
				rs.getTimestamp("created_at").toInstant(),
				(rs.getTimestamp("settled_at") != null) ? rs.getTimestamp("settled_at").toInstant() : null);
	}

	private Summary summary(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		Kind kind = Kind.valueOf(rs.getString("kind"));
		BigDecimal total = rs.getBigDecimal("total");
		BigDecimal open = rs.getBigDecimal("open");
		LocalDate due = rs.getObject("due_on", LocalDate.class);
		Status status = Status.valueOf(rs.getString("status"));
		int scale = Math.max(java.util.Currency.getInstance(rs.getString("currency")).getDefaultFractionDigits(), 0);
		return new Summary(rs.getObject("id", UUID.class), rs.getString("number"), kind, rs.getString("order_number"),
				rs.getTimestamp("issued_at").toInstant(), due, rs.getString("currency"), total.setScale(scale),
				open.max(BigDecimal.ZERO).setScale(scale), status);
	}

	/**
	 * The condition that scopes invoices ({@code i}) to the caller, with one parameter:
	 * {@link #owner(Caller)}.
	 */
	static String scope(Caller caller) {
		return scope(caller.organisation() != null);
	}

	static String scope(boolean company) {
		return company ? "i.organisation_id = ?" : "i.account_id = ? and i.organisation_id is null";
	}

	static UUID owner(Caller caller) {
		return (caller.organisation() != null) ? caller.organisation() : caller.account();
	}

}
