package io.concierge.orders;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.concierge.documents.DocumentKind;
import io.concierge.documents.DocumentRefused;
import io.concierge.documents.Documents;
import io.concierge.identity.Accounts;
import io.concierge.shared.EmailAddress;

/**
 * A return's photos, kept in the document store as the customer's documents: encrypted,
 * their metadata (GPS) stripped, scanned, and on the customer's documents page with every
 * agent who looked at them and why.
 * <p>
 * Photos from before the document store lay in the database; at start-up they are moved
 * over one by one, each in a transaction of its own, and their bytes are removed only in
 * the transaction that keeps their document, so nothing is lost however the move ends.
 * One the store refuses stays where it was, readable as before; while the malware scanner
 * does not answer, the rest wait for the next start.
 */
@Component
class ReturnPhotoStore {

	private static final Logger log = LoggerFactory.getLogger(ReturnPhotoStore.class);

	private final Documents documents;

	private final Accounts accounts;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	ReturnPhotoStore(Documents documents, Accounts accounts, JdbcClient jdbc, TransactionTemplate transactions) {
		this.documents = documents;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/**
	 * @throws ReturnPhotos.PhotoRefused when the store will not keep one (malware), or
	 * cannot now (the scanner does not answer)
	 */
	void save(UUID change, @Nullable String returnNumber, List<ReturnPhotos.Photo> photos, UUID owner, String actor,
			String origin) {
		int number = 0;
		for (ReturnPhotos.Photo photo : photos) {
			number++;
			UUID document = keep(owner, actor, origin, name(returnNumber, number, photo.contentType()),
					photo.content());
			this.jdbc.sql("insert into return_photo (id, change_id, content_type, document_id) values (?, ?, ?, ?)")
				.params(UUID.randomUUID(), change, photo.contentType(), document)
				.update();
		}
	}

	List<UUID> ids(UUID change) {
		return this.jdbc.sql("select id from return_photo where change_id = ? order by id")
			.param(change)
			.query(UUID.class)
			.list();
	}

	/**
	 * A photo of a return, opened for an agent, who the customer sees did so and why.
	 */
	Optional<ReturnPhotos.Photo> open(UUID change, UUID photo, String agent) {
		return this.jdbc.sql("""
				select p.content_type, p.content, p.document_id, c.return_number from return_photo p
				join order_change c on c.id = p.change_id where p.change_id = ? and p.id = ?""")
			.params(change, photo)
			.query((row, n) -> {
				UUID document = row.getObject("document_id", UUID.class);
				byte[] content = (document != null) ? read(document, agent, row.getString("return_number"))
						: row.getBytes("content");
				return new ReturnPhotos.Photo(row.getString("content_type"), content);
			})
			.optional();
	}

	@EventListener(ApplicationReadyEvent.class)
	void moveOldPhotos() {
		int moved = 0;
		Set<UUID> tried = new HashSet<>();
		for (UUID next = next(tried); next != null; next = next(tried)) {
			tried.add(next);
			UUID id = next;
			try {
				if (Boolean.TRUE.equals(this.transactions.execute((status) -> move(id)))) {
					moved++;
				}
			}
			catch (ReturnPhotos.PhotoRefused ex) {
				// its transaction is rolled back: the photo is where it was
				if (ex.reason().equals("scanner")) {
					log.warn("Return photos stay in the database until the malware scanner answers");
					break;
				}
				log.warn("Return photo {} stays in the database: {}", id, ex.reason());
				this.transactions.executeWithoutResult(
						(status) -> this.jdbc.sql("update return_photo set unmovable = true where id = ?")
							.param(id)
							.update());
			}
		}
		if (moved > 0) {
			log.info("Moved {} return photos into the document store", moved);
		}
	}

	private @Nullable UUID next(Set<UUID> tried) {
		return this.jdbc.sql("""
				select id from return_photo where document_id is null and content is not null and not unmovable
				order by id""")
			.query(UUID.class)
			.list()
			.stream()
			.filter((id) -> !tried.contains(id))
			.findFirst()
			.orElse(null);
	}

	/**
	 * Moves one photo, unless another node is moving it or has.
	 * @return whether this node moved it
	 * @throws ReturnPhotos.PhotoRefused when it cannot be moved
	 */
	private boolean move(UUID id) {
		Optional<OldPhoto> old = this.jdbc.sql("""
				select p.id, p.content_type, p.content, c.return_number, c.requested_by, o.account_id
				from return_photo p join order_change c on c.id = p.change_id
				join customer_order o on o.id = c.order_id
				where p.id = ? and p.document_id is null and p.content is not null
				for update of p skip locked""")
			.param(id)
			.query((row, n) -> new OldPhoto(row.getObject("id", UUID.class), row.getString("content_type"),
					row.getBytes("content"), row.getString("return_number"), row.getString("requested_by"),
					row.getObject("account_id", UUID.class)))
			.optional();
		if (old.isEmpty()) {
			return false;
		}
		OldPhoto photo = old.get();
		UUID owner = (photo.account() != null) ? photo.account() : requester(photo.requestedBy());
		if (owner == null) {
			throw new ReturnPhotos.PhotoRefused("noOwner");
		}
		UUID document = keep(owner, "system", "return photo move", name(photo.returnNumber(), 1, photo.contentType()),
				photo.content());
		this.jdbc.sql("update return_photo set document_id = ?, content = null where id = ?")
			.params(document, photo.id())
			.update();
		return true;
	}

	private record OldPhoto(UUID id, String contentType, byte[] content, @Nullable String returnNumber,
			String requestedBy, @Nullable UUID account) {

	}

	private @Nullable UUID requester(String requestedBy) {
		try {
			return this.accounts.findByEmail(EmailAddress.of(requestedBy)).map((account) -> account.id()).orElse(null);
		}
		catch (IllegalArgumentException notAnAddress) {
			return null;
		}
	}

	private UUID keep(UUID owner, String actor, String origin, String name, byte[] content) {
		Documents.Kept kept;
		try {
			kept = this.documents.keep(owner, actor, origin, DocumentKind.RETURN_PHOTO, name, content);
		}
		catch (DocumentRefused ex) {
			// a scanner that cannot be asked is no fault of the photo's
			throw new ReturnPhotos.PhotoRefused(ex.reason().equals("scanner") ? "scanner" : "notAnImage");
		}
		if (kept.state() != Documents.State.AVAILABLE) {
			throw new ReturnPhotos.PhotoRefused("malware");
		}
		return kept.id();
	}

	private byte[] read(UUID document, String agent, @Nullable String returnNumber) {
		try (InputStream in = this.documents
			.openAsStaff(agent, document, "reviewing return " + ((returnNumber != null) ? returnNumber : ""))
			.content()
			.getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String name(@Nullable String returnNumber, int number, String contentType) {
		return "Return " + ((returnNumber != null) ? returnNumber + " " : "") + "photo " + number
				+ (contentType.equals("image/png") ? ".png" : ".jpg");
	}

}
