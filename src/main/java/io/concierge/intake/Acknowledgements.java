package io.concierge.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The X12 acknowledgements sent back to trading partners: kept for them to fetch, and
 * written to the channel's outbound folder once stored when the channel has an inbound
 * folder.
 */
@Component
public class Acknowledgements {

	private static final Logger log = LoggerFactory.getLogger(Acknowledgements.class);

	private final JdbcClient jdbc;

	private final IntakeChannels channels;

	private final Clock clock;

	Acknowledgements(JdbcClient jdbc, IntakeChannels channels, Clock clock) {
		this.jdbc = jdbc;
		this.channels = channels;
		this.clock = clock;
	}

	/**
	 * @param kind {@code 997} or {@code 855}
	 * @param reference the interchange control number a 997 answers, the PO number an 855
	 * accepts
	 */
	public record Acknowledgement(UUID id, String kind, int controlNumber, String reference, Instant createdAt) {

	}

	/**
	 * Stores the 997 for an interchange, unless it holds no group to acknowledge.
	 * @return its id
	 */
	@Nullable UUID functional(String channelKey, X12Orders.Interchange interchange) {
		int control = nextControlNumber();
		String document = X12Acknowledgements.functional(interchange, control, now());
		return (document != null) ? store(channelKey, "997", control, interchange.controlNumber(), document, null)
				: null;
	}

	/**
	 * Stores the 997 answering a vendor's purchase order, one transaction set stored as
	 * an interchange of its own, once it was taken in or refused.
	 */
	void purchaseOrder(String channelKey, UUID submission, byte[] payload, boolean accepted) {
		X12Orders.Interchange interchange = X12Orders.envelopes(payload);
		int control = nextControlNumber();
		String document = X12Acknowledgements.functional(interchange,
				accepted ? (transaction) -> transaction.problems().isEmpty() : (transaction) -> false, control, now());
		if (document != null) {
			store(channelKey, "997", control, interchange.controlNumber(), document, submission);
		}
	}

	/**
	 * Stores the 855 accepting the one purchase order a submission holds.
	 */
	void purchaseOrder(String channelKey, byte[] payload, @Nullable UUID organisation, String orderNumber) {
		X12Orders.Interchange interchange = X12Orders.read(payload, organisation);
		X12Orders.Transaction transaction = interchange.groups().getFirst().transactions().getFirst();
		int control = nextControlNumber();
		store(channelKey, "855", control, String.valueOf(transaction.purchaseOrder()),
				X12Acknowledgements.purchaseOrder(interchange, transaction, orderNumber, control, now()), null);
	}

	/**
	 * The channel's acknowledgements stored after a moment, oldest first, at most 100.
	 */
	@Transactional(readOnly = true)
	public List<Acknowledgement> list(String channelKey, Instant after) {
		return this.jdbc.sql("""
				select id, kind, control_number, reference, created_at from intake_acknowledgement
				where channel_key = ? and created_at > ? order by created_at, control_number limit 100""")
			.params(channelKey, after.atOffset(ZoneOffset.UTC))
			.query((rs, n) -> new Acknowledgement(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3),
					rs.getString(4), rs.getObject(5, OffsetDateTime.class).toInstant()))
			.list();
	}

	/**
	 * One acknowledgement's X12 text.
	 */
	@Transactional(readOnly = true)
	public Optional<String> document(String channelKey, UUID id) {
		return this.jdbc.sql("select document from intake_acknowledgement where channel_key = ? and id = ?")
			.params(channelKey, id)
			.query(String.class)
			.optional();
	}

	private UUID store(String channelKey, String kind, int control, String reference, String document,
			@Nullable UUID submission) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into intake_acknowledgement (id, channel_key, kind, control_number, reference, document,
				  created_at, submission_id) values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, channelKey, kind, control, reference, document, now().toOffsetDateTime(), submission)
			.update();
		Path folder = this.channels.find(channelKey).map(IntakeChannels.Channel::inboundFolder).orElse(null);
		if (folder != null) {
			Path file = InboundFolders.outbound(folder).resolve(kind + "-" + "%09d".formatted(control) + ".x12");
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					write(file, document);
				}
			});
		}
		return id;
	}

	/**
	 * Written under another name first, so a partner never picks up half a file.
	 */
	private static void write(Path file, String document) {
		try {
			Files.createDirectories(file.getParent());
			Path part = file.resolveSibling(file.getFileName() + ".part");
			Files.writeString(part, document, StandardCharsets.UTF_8);
			Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			// it is stored: the partner can still fetch it
			log.warn("Could not write the acknowledgement {}", file, new UncheckedIOException(ex));
		}
	}

	private int nextControlNumber() {
		return this.jdbc.sql("select nextval('intake_x12_control_number')").query(Integer.class).single();
	}

	private ZonedDateTime now() {
		return ZonedDateTime.now(this.clock);
	}

}
