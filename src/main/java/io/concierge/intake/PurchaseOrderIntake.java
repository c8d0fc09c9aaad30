package io.concierge.intake;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.intake.Submissions.State;
import io.concierge.shared.StorableText;

/**
 * Vendors' X12 850 purchase orders, taken in as every channel's orders are: each vendor
 * has a channel of its own ({@code vendor-<id>}); an interchange is stored as it came,
 * one submission per transaction set, and the sender hears at once how many were
 * received. The workers then hand each to the {@link PurchaseOrderReceiver} and answer it
 * with a 997 in the sender's delimiters, {@code AK5*A} when it was taken in,
 * {@code AK5*R} when it was refused (then it is a dead letter with its reason). A set
 * sent again with the same interchange, group and set control numbers is recognised and
 * not taken twice. Every query is scoped by the vendor's channel.
 */
@Service
public class PurchaseOrderIntake {

	private static final String PREFIX = "vendor-";

	/** Vendors' purchase orders wait behind nobody's and before no one's. */
	private static final int PRIORITY = 5;

	private static final int MAX_BACKLOG = 10_000;

	/** The most transaction sets an interchange may hold. */
	private static final int MOST_SETS = 500;

	private static final String SELECT = """
			select s.id, s.external_reference, s.delivery_id, s.received_at, s.state, s.order_number, s.reason_code,
			  s.reason, s.reason_details,
			  exists (select 1 from intake_acknowledgement a where a.submission_id = s.id) as acknowledged
			from intake_submission s""";

	private final Submissions submissions;

	private final JdbcClient jdbc;

	PurchaseOrderIntake(Submissions submissions, JdbcClient jdbc) {
		this.submissions = submissions;
		this.jdbc = jdbc;
	}

	/**
	 * A purchase order a vendor sent as X12, and what became of it.
	 *
	 * @param purchaseOrder its number as {@code BEG03} gives it, if it does
	 * @param interchange the interchange control number it came in ({@code ISA13})
	 * @param transactionSet its set's control number ({@code ST02})
	 * @param number the purchase order it became, once accepted
	 * @param reasonCode why it was refused, for operations ({@code UNKNOWN_SKU})
	 * @param reason why it was refused or discarded, in words
	 * @param reasonDetails the receiver's own account of a refusal
	 * @param acknowledged whether a 997 answers it
	 * @param duplicate whether this answers a resend, with what became of the first
	 */
	public record Sent(UUID id, @Nullable String purchaseOrder, String interchange, String transactionSet,
			Instant receivedAt, State state, @Nullable String number, @Nullable String reasonCode,
			@Nullable String reason, @Nullable String reasonDetails, boolean acknowledged, boolean duplicate) {

	}

	/**
	 * Stores the vendor's interchange, one submission per transaction set, for the
	 * workers to hand over.
	 * @param sentBy who sent it: a person's address, or the system's credential
	 * @param sentFrom the address it came from
	 * @return each set as received, or as the earlier one became when sent before
	 * @throws MalformedSubmission when it is not an X12 interchange, its envelope is
	 * wrong (counts, control numbers) or it holds no transaction set; nothing is stored
	 * @throws Submissions.Backlogged when too many of the vendor's wait
	 */
	@Transactional
	public List<Sent> receive(UUID vendor, byte[] x12, String sentBy, String sentFrom) {
		X12Orders.Interchange interchange = X12Orders.envelopes(x12);
		List<X12Orders.Problem> broken = new ArrayList<>(interchange.problems());
		interchange.groups().forEach((group) -> broken.addAll(group.problems()));
		if (!broken.isEmpty()) {
			throw new MalformedSubmission(null, X12Orders.inWords(broken));
		}
		long sets = interchange.groups().stream().mapToLong((group) -> group.transactions().size()).sum();
		if (sets == 0) {
			throw new MalformedSubmission(null, "the interchange holds no purchase order (ST)");
		}
		if (sets > MOST_SETS) {
			throw new MalformedSubmission(null, "send at most " + MOST_SETS + " purchase orders at once, not " + sets);
		}
		String channel = channel(vendor);
		List<Sent> sent = new ArrayList<>();
		for (X12Orders.Group group : interchange.groups()) {
			for (X12Orders.Transaction transaction : group.transactions()) {
				String delivery = control(interchange.controlNumber()) + "/" + control(group.controlNumber()) + "/"
						+ control(transaction.controlNumber());
				Submissions.Receipt receipt = this.submissions.store(channel, Format.VENDOR_X12, null, delivery,
						reference(transaction.purchaseOrder(), delivery), X12Orders.value(transaction),
						X12Orders.alone(interchange, group, transaction), PRIORITY, MAX_BACKLOG, sentBy, sentFrom);
				sent.add(find(channel, receipt.id(), receipt.duplicate()).orElseThrow());
			}
		}
		return sent;
	}

	/**
	 * The vendor's purchase orders sent as X12, newest first.
	 */
	@Transactional(readOnly = true)
	public List<Sent> submissions(UUID vendor, int latest) {
		return this.jdbc.sql(SELECT + " where s.channel_key = ? order by s.received_at desc, s.delivery_id limit ?")
			.params(channel(vendor), latest)
			.query((rs, n) -> sent(rs, false))
			.list();
	}

	/**
	 * One of the vendor's; another vendor's is not found.
	 */
	@Transactional(readOnly = true)
	public Optional<Sent> find(UUID vendor, UUID id) {
		return find(channel(vendor), id, false);
	}

	private Optional<Sent> find(String channel, UUID id, boolean duplicate) {
		return this.jdbc.sql(SELECT + " where s.channel_key = ? and s.id = ?")
			.params(channel, id)
			.query((rs, n) -> sent(rs, duplicate))
			.optional();
	}

	/**
	 * The latest 997 answering one of the vendor's purchase orders (a replayed one may
	 * have had two); another vendor's is not found.
	 */
	@Transactional(readOnly = true)
	public Optional<String> functionalAcknowledgement(UUID vendor, UUID id) {
		return this.jdbc.sql("""
				select document from intake_acknowledgement where channel_key = ? and submission_id = ?
				order by created_at desc, control_number desc limit 1""")
			.params(channel(vendor), id)
			.query(String.class)
			.optional();
	}

	/**
	 * The 997 that accepted the vendor's purchase order with this number.
	 */
	@Transactional(readOnly = true)
	public Optional<String> functionalAcknowledgementOf(UUID vendor, String number) {
		return this.jdbc.sql("""
				select a.document from intake_acknowledgement a join intake_submission s on s.id = a.submission_id
				where s.channel_key = :channel and a.channel_key = :channel and s.state = 'ACCEPTED'
				  and s.order_number = :number
				order by a.created_at desc, a.control_number desc limit 1""")
			.param("channel", channel(vendor))
			.param("number", number)
			.query(String.class)
			.optional();
	}

	/**
	 * The vendor's channel: a vendor's id is no key an administrator can make (those have
	 * at most 40 characters), so the two never meet.
	 */
	static String channel(UUID vendor) {
		return PREFIX + vendor;
	}

	/**
	 * The vendor whose channel this is; null for any other channel.
	 */
	static @Nullable UUID vendor(String channel) {
		if (!channel.startsWith(PREFIX)) {
			return null;
		}
		try {
			return UUID.fromString(channel.substring(PREFIX.length()));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * The purchase order's number and its control numbers, which make the reference
	 * unique on the channel even when a refused number is sent again corrected.
	 */
	private static String reference(@Nullable String purchaseOrder, String delivery) {
		return (purchaseOrder != null) ? text(purchaseOrder, 60) + " · " + delivery : delivery;
	}

	private static String control(String number) {
		return text(number.isBlank() ? "-" : number.strip().replace('/', '-'), 20);
	}

	private static String text(String text, int length) {
		return StorableText.printable((text.length() > length) ? text.substring(0, length) : text);
	}

	private static Sent sent(ResultSet rs, boolean duplicate) throws SQLException {
		String reference = rs.getString("external_reference");
		String delivery = rs.getString("delivery_id");
		String[] controls = delivery.split("/", 3);
		String suffix = " · " + delivery;
		return new Sent(rs.getObject("id", UUID.class),
				reference.endsWith(suffix) ? reference.substring(0, reference.length() - suffix.length()) : null,
				controls[0], (controls.length == 3) ? controls[2] : "",
				rs.getObject("received_at", OffsetDateTime.class).toInstant(), State.valueOf(rs.getString("state")),
				rs.getString("order_number"), rs.getString("reason_code"), rs.getString("reason"),
				rs.getString("reason_details"), rs.getBoolean("acknowledged"), duplicate);
	}

}
