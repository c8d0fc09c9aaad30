package io.concierge.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.concierge.identity.Caller;
import io.concierge.shared.AuditableEvent;
import io.concierge.shared.NotFound;

/**
 * The document store. A document is checked before it is kept (size for its kind, type
 * from its bytes, no markup in disguise, photos cleaned, malware scanned when a scanner
 * is configured), then encrypted with a key of its own, which is kept wrapped by the
 * key-encryption keyset. Only its owner opens it (and staff and the system, through their
 * own doors); every opening is logged where the owner sees it.
 */
@Service
public class Documents {

	/** How many of the latest openings of a document its owner sees. */
	static final int ACCESSES_SHOWN = 50;

	private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

	private final JdbcClient jdbc;

	private final KeyEncryptionKeys keys;

	private final ContentStore contents;

	private final MalwareScanner scanner;

	private final DocumentSettings settings;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Documents(JdbcClient jdbc, KeyEncryptionKeys keys, ContentStore contents, MalwareScanner scanner,
			DocumentSettings settings, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.keys = keys;
		this.contents = contents;
		this.scanner = scanner;
		this.settings = settings;
		this.events = events;
		this.clock = clock;
	}

	public enum State {

		/** Kept and served to those entitled. */
		AVAILABLE,

		/** Malware was found: kept encrypted apart, never served. */
		QUARANTINED

	}

	/**
	 * A document as its owner sees it, with who opened it, newest first.
	 *
	 * @param scanResult the malware found, when quarantined
	 * @param links the links to it that still work
	 */
	public record DocumentView(UUID id, DocumentKind kind, String name, String contentType, long size,
			Instant createdAt, State state, @Nullable String scanResult, List<Access> accesses, List<Link> links) {

		/**
		 * Whether a link can let someone else download it: not an identity document, not
		 * quarantined.
		 */
		public boolean shareable() {
			return this.state == State.AVAILABLE && !this.kind.needsStepUp();
		}

		public String typeName() {
			return ContentTypes.ALLOWED.getOrDefault(this.contentType, this.contentType);
		}

		/**
		 * The name to download it under: with the extension of its type, whatever the
		 * uploader called it.
		 */
		public String downloadName() {
			return ContentTypes.downloadName(this.name, this.contentType);
		}

	}

	/**
	 * Who opened a document, when and why.
	 */
	public record Access(String actor, ActorKind actorKind, String purpose, Instant occurredAt) {

	}

	/**
	 * A link that lets anyone who has it download the document until it expires or is
	 * revoked.
	 */
	public record Link(UUID id, Instant expiresAt, @Nullable Instant revokedAt) {

		public boolean active(Instant now) {
			return this.revokedAt == null && this.expiresAt.isAfter(now);
		}

	}

	/**
	 * A link just made: its token is shown this once, only its hash is kept.
	 */
	public record SharedLink(UUID id, String token, Instant expiresAt) {

	}

	public enum ActorKind {

		OWNER, STAFF, SYSTEM, LINK

	}

	/**
	 * A document opened to be sent: its content is decrypted as it is read, as often as
	 * it is read (a range request reads it again).
	 */
	public record Opened(DocumentView document, Resource content) {

	}

	/**
	 * A document was kept (or quarantined).
	 */
	public record DocumentStored(String actor, UUID document, State state, String origin,
			Instant occurredAt) implements AuditableEvent {

		@Override
		public String action() {
			return (this.state == State.QUARANTINED) ? "documents.document.quarantined" : "documents.document.stored";
		}

		@Override
		public String subject() {
			return "document " + this.document;
		}

	}

	/**
	 * Checks, encrypts and keeps a document of the caller's.
	 * @param name the name it was uploaded with, kept as display text only
	 * @return the document; quarantined when malware was found in it
	 * @throws DocumentRefused saying why nothing was kept
	 */
	@Transactional
	public DocumentView upload(Caller caller, String actor, String origin, DocumentKind kind, @Nullable String name,
			byte[] content) {
		if (!kind.uploadable()) {
			throw new IllegalArgumentException(kind + " documents are not uploaded on their own");
		}
		long lastHour = this.jdbc.sql("select count(*) from document where owner_account = ? and created_at > ?")
			.params(caller.account(), this.clock.instant().minus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC))
			.query(Long.class)
			.single();
		if (lastHour >= this.settings.uploadsPerHour()) {
			throw new DocumentRefused("too-many", this.settings.uploadsPerHour());
		}
		return find(caller, keep(caller.account(), actor, origin, kind, name, content).id()).orElseThrow();
	}

	/**
	 * A document kept for its owner by another module (a return's photos), which limits
	 * how many its users add.
	 */
	public record Kept(UUID id, State state) {

	}

	/**
	 * Checks, encrypts and keeps a customer's file for them, for another module: the
	 * owner sees it on their documents page with whoever opens it.
	 * @param name the name it came with, kept as display text only
	 * @throws DocumentRefused saying why nothing was kept
	 */
	@Transactional
	public Kept keep(UUID owner, String actor, String origin, DocumentKind kind, @Nullable String name,
			byte[] content) {
		Instant now = this.clock.instant();
		if (content.length == 0) {
			throw new DocumentRefused("empty");
		}
		if (content.length > kind.maxSize().toBytes()) {
			throw new DocumentRefused("too-large", kind.maxSize().toMegabytes());
		}
		String type = ContentTypes.detect(content, name);
		byte[] kept = ImageCleaner.cleaned(content, type);
		MalwareScanner.Verdict verdict = this.scanner.scan(kept);
		UUID id = UUID.randomUUID();
		byte[] associated = associatedData(id);
		KeysetHandle documentKey = KeyEncryptionKeys.documentKey();
		write(id, documentKey, associated, kept);
		State state = verdict.infected() ? State.QUARANTINED : State.AVAILABLE;
		this.jdbc.sql("""
				insert into document (id, owner_account, kind, display_name, content_type, size_bytes, sha256,
				  wrapped_key, kek_key_id, state, scan_result, uploaded_by, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, owner, kind.name(), ContentTypes.displayName(name, type), type, kept.length, sha256(kept),
					this.keys.wrap(documentKey, associated), this.keys.primary(), state.name(), verdict.signature(),
					actor, now.atOffset(ZoneOffset.UTC))
			.update();
		this.events.publishEvent(new DocumentStored(actor, id, state, origin, now));
		return new Kept(id, state);
	}

	/**
	 * Encrypts and keeps a document the system made itself (an invoice), for another
	 * module, which decides who opens it: neither scanned nor cleaned, since nobody
	 * uploaded it.
	 * @param owner the account that sees it on its documents page, if any
	 */
	@Transactional
	public UUID keepGenerated(@Nullable UUID owner, String actor, DocumentKind kind, String name, String contentType,
			byte[] content) {
		if (content.length == 0 || content.length > kind.maxSize().toBytes()) {
			throw new IllegalArgumentException("A generated " + kind + " document of " + content.length + " bytes");
		}
		UUID id = UUID.randomUUID();
		byte[] associated = associatedData(id);
		KeysetHandle documentKey = KeyEncryptionKeys.documentKey();
		write(id, documentKey, associated, content);
		this.jdbc.sql("""
				insert into document (id, owner_account, kind, display_name, content_type, size_bytes, sha256,
				  wrapped_key, kek_key_id, state, uploaded_by, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'AVAILABLE', ?, ?)""")
			.params(id, owner, kind.name(), name, contentType, content.length, sha256(content),
					this.keys.wrap(documentKey, associated), this.keys.primary(), actor,
					this.clock.instant().atOffset(ZoneOffset.UTC))
			.update();
		return id;
	}

	private void write(UUID id, KeysetHandle documentKey, byte[] associated, byte[] content) {
		this.contents.write(id, (out) -> {
			try (var encrypting = streaming(documentKey).newEncryptingStream(out, associated)) {
				encrypting.write(content);
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("A document cannot be encrypted", ex);
			}
		});
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					if (status != STATUS_COMMITTED) {
						// its row was not kept, so neither is the content
						Documents.this.contents.delete(id);
					}
				}
			});
		}
	}

	/**
	 * The caller's documents, newest first, each with who opened it.
	 */
	@Transactional(readOnly = true)
	public List<DocumentView> mine(Caller caller) {
		return views(this.jdbc.sql("select * from document where owner_account = ? order by created_at desc")
			.param(caller.account())
			.query(Row::read)
			.list());
	}

	/**
	 * A page of the caller's documents, newest first: at most {@code size} of them,
	 * skipping the first {@code offset}.
	 */
	@Transactional(readOnly = true)
	public List<DocumentView> mine(Caller caller, long offset, int size) {
		return views(this.jdbc
			.sql("select * from document where owner_account = ? order by created_at desc, id limit ? offset ?")
			.params(caller.account(), size, offset)
			.query(Row::read)
			.list());
	}

	/**
	 * One of the caller's documents; another's answers empty, as one that does not exist.
	 */
	@Transactional(readOnly = true)
	public Optional<DocumentView> find(Caller caller, UUID id) {
		return views(this.jdbc.sql("select * from document where id = ? and owner_account = ?")
			.params(id, caller.account())
			.query(Row::read)
			.list()).stream().findFirst();
	}

	/**
	 * One of the caller's documents as it is, without who opened it: what a download
	 * needs to know before it is logged.
	 */
	@Transactional(readOnly = true)
	public Optional<DocumentView> describe(Caller caller, UUID id) {
		return this.jdbc.sql("select * from document where id = ? and owner_account = ?")
			.params(id, caller.account())
			.query(Row::read)
			.optional()
			.map((row) -> row.view(List.of(), List.of()));
	}

	/**
	 * The documents with who opened each most recently ({@value #ACCESSES_SHOWN} at most)
	 * and their links that still work.
	 */
	private List<DocumentView> views(List<Row> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		List<UUID> ids = rows.stream().map(Row::id).toList();
		Map<UUID, List<Access>> accesses = this.jdbc.sql("""
				select document_id, actor, actor_kind, purpose, occurred_at from (
				  select *, row_number() over (partition by document_id order by occurred_at desc, id desc) as newest
				  from document_access where document_id in (:ids)) recent
				where newest <= :shown order by occurred_at desc, id desc""")
			.param("shown", ACCESSES_SHOWN)
			.param("ids", ids)
			.query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), access(rs)))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
		Map<UUID, List<Link>> links = this.jdbc.sql("""
				select document_id, id, expires_at, revoked_at from document_link
				where document_id in (:ids) and revoked_at is null and expires_at > :now order by created_at desc""")
			.param("ids", ids)
			.param("now", this.clock.instant().atOffset(ZoneOffset.UTC))
			.query((rs, n) -> Map.entry(rs.getObject(1, UUID.class),
					new Link(rs.getObject(2, UUID.class), rs.getObject(3, OffsetDateTime.class).toInstant(),
							(rs.getObject(4, OffsetDateTime.class) != null)
									? rs.getObject(4, OffsetDateTime.class).toInstant() : null)))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
		return rows.stream()
			.map((row) -> row.view(accesses.getOrDefault(row.id(), List.of()), links.getOrDefault(row.id(), List.of())))
			.toList();
	}

	/**
	 * Opens one of the caller's documents, and logs it.
	 * @throws NotFound when it is not the caller's
	 * @throws DocumentRefused when it is quarantined
	 */
	@Transactional
	public Opened open(Caller caller, String actor, UUID id) {
		Row row = this.jdbc.sql("select * from document where id = ? and owner_account = ?")
			.params(id, caller.account())
			.query(Row::read)
			.optional()
			.orElseThrow(() -> new NotFound("document " + id));
		return opened(row, actor, ActorKind.OWNER, "downloaded");
	}

	/**
	 * A link to one of the caller's documents, valid for so long (at most 30 days).
	 * @throws NotFound when it is not the caller's
	 * @throws DocumentRefused when it cannot be shared (identity documents, quarantined
	 * ones)
	 */
	@Transactional
	public SharedLink share(Caller caller, String actor, UUID id, Duration validity) {
		DocumentView document = find(caller, id).orElseThrow(() -> new NotFound("document " + id));
		if (!document.shareable()) {
			throw new DocumentRefused("not-shareable");
		}
		if (validity.isNegative() || validity.isZero() || validity.compareTo(Duration.ofDays(30)) > 0) {
			throw new DocumentRefused("validity");
		}
		byte[] random = new byte[32];
		RANDOM.nextBytes(random);
		String token = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		Instant now = this.clock.instant();
		UUID link = UUID.randomUUID();
		this.jdbc.sql("""
				insert into document_link (id, document_id, token_hash, expires_at, created_by, created_at)
				values (?, ?, ?, ?, ?, ?)""")
			.params(link, id, sha256(token.getBytes(StandardCharsets.US_ASCII)),
					now.plus(validity).atOffset(ZoneOffset.UTC), actor, now.atOffset(ZoneOffset.UTC))
			.update();
		return new SharedLink(link, token, now.plus(validity));
	}

	/**
	 * Ends a link of one of the caller's documents at once.
	 */
	@Transactional
	public void revoke(Caller caller, UUID link) {
		int revoked = this.jdbc.sql("""
				update document_link set revoked_at = ? where id = ? and revoked_at is null
				  and document_id in (select id from document where owner_account = ?)""")
			.params(this.clock.instant().atOffset(ZoneOffset.UTC), link, caller.account())
			.update();
		if (revoked == 0) {
			throw new NotFound("link " + link);
		}
	}

	/**
	 * The document a link names, for whoever has the link, and logs it; an unknown,
	 * expired or revoked link looks like none.
	 * @throws NotFound when the link does not open anything (any more)
	 */
	@Transactional
	public Opened openShared(String token) {
		Map.Entry<UUID, UUID> link = this.jdbc.sql("""
				select id, document_id from document_link
				where token_hash = ? and revoked_at is null and expires_at > ?""")
			.params(sha256(token.getBytes(StandardCharsets.US_ASCII)), this.clock.instant().atOffset(ZoneOffset.UTC))
			.query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
			.optional()
			.orElseThrow(() -> new NotFound("shared link"));
		Row row = row(link.getValue());
		if (row.kind().needsStepUp()) {
			throw new NotFound("shared link");
		}
		return opened(row, "link " + link.getKey().toString().substring(0, 8), ActorKind.LINK, "shared link");
	}

	/**
	 * Opens any customer's document for a member of staff, who says why; the owner sees
	 * who and why.
	 */
	@Transactional
	public Opened openAsStaff(String staff, UUID id, String reason) {
		if (reason.isBlank()) {
			throw new IllegalArgumentException("Staff say why they open a customer's document");
		}
		return opened(row(id), staff, ActorKind.STAFF, reason.strip());
	}

	/**
	 * A generated document for someone the module that keeps it has let see it (an
	 * invoice, for its customer or their company's finance users), logged as theirs.
	 */
	@Transactional
	public Opened openGenerated(UUID id, String actor, String purpose) {
		return opened(row(id), actor, ActorKind.OWNER, purpose);
	}

	/**
	 * The content of a document, for another module's own use (a PDF attached to a mail),
	 * logged as the system's.
	 */
	@Transactional
	public byte[] read(UUID id, String purpose) {
		try (InputStream in = opened(row(id), "system", ActorKind.SYSTEM, purpose).content().getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Removes a generated document for good, with its access log, once the module that
	 * made it no longer needs it (an expired export); its content goes once the removal
	 * has committed.
	 */
	@Transactional
	public void discard(UUID id) {
		this.jdbc.sql("delete from document_access where document_id = ?").param(id).update();
		this.jdbc.sql("delete from document_link where document_id = ?").param(id).update();
		if (this.jdbc.sql("delete from document where id = ?").param(id).update() == 0) {
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				Documents.this.contents.delete(id);
			}
		});
	}

	/**
	 * Wraps at most so many documents' keys again with the current key-encryption key,
	 * after a rotation; the contents stay as they are.
	 * @return how many are still wrapped with an older key
	 */
	@Transactional
	public long rewrap(int most) {
		long primary = this.keys.primary();
		List<Map.Entry<UUID, byte[]>> older = this.jdbc
			.sql("select id, wrapped_key from document where kek_key_id <> ? limit ? for update skip locked")
			.params(primary, most)
			.query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getBytes(2)))
			.list();
		for (Map.Entry<UUID, byte[]> document : older) {
			byte[] associated = associatedData(document.getKey());
			this.jdbc.sql("update document set wrapped_key = ?, kek_key_id = ? where id = ?")
				.params(this.keys.wrap(this.keys.unwrap(document.getValue(), associated), associated), primary,
						document.getKey())
				.update();
		}
		return this.jdbc.sql("select count(*) from document where kek_key_id <> ?")
			.param(primary)
			.query(Long.class)
			.single();
	}

	/**
	 * The key-encryption keyset's state: how many keys, and how many documents still wait
	 * to be wrapped with the newest.
	 */
	public record KeyStatus(int keys, long primary, long documents, long waiting) {

	}

	@Transactional(readOnly = true)
	public KeyStatus keyStatus() {
		long primary = this.keys.primary();
		return new KeyStatus(this.keys.size(), primary,
				this.jdbc.sql("select count(*) from document").query(Long.class).single(),
				this.jdbc.sql("select count(*) from document where kek_key_id <> ?")
					.param(primary)
					.query(Long.class)
					.single());
	}

	/**
	 * A new key-encryption key for new documents; the re-wrap job moves the others onto
	 * it in the background.
	 */
	public void rotate(String actor, String origin) {
		long primary = this.keys.rotate();
		this.events.publishEvent(new KeysetRotated(actor, primary, origin, this.clock.instant()));
	}

	/**
	 * The key-encryption keyset has a new primary key.
	 */
	public record KeysetRotated(String actor, long key, String origin, Instant occurredAt) implements AuditableEvent {

		@Override
		public String action() {
			return "documents.keyset.rotated";
		}

		@Override
		public String subject() {
			return "key " + this.key;
		}

	}

	private Row row(UUID id) {
		return this.jdbc.sql("select * from document where id = ?")
			.param(id)
			.query(Row::read)
			.optional()
			.orElseThrow(() -> new NotFound("document " + id));
	}

	private Opened opened(Row row, String actor, ActorKind kind, String purpose) {
		if (row.state() == State.QUARANTINED) {
			throw new DocumentRefused("quarantined", String.valueOf(row.scanResult()));
		}
		this.jdbc.sql("""
				insert into document_access (document_id, actor, actor_kind, purpose, occurred_at)
				values (?, ?, ?, ?, ?)""")
			.params(row.id(), actor, kind.name(), purpose, this.clock.instant().atOffset(ZoneOffset.UTC))
			.update();
		byte[] associated = associatedData(row.id());
		StreamingAead aead = streaming(this.keys.unwrap(row.wrappedKey(), associated));
		Resource content = new AbstractResource() {

			@Override
			public String getDescription() {
				return "document " + row.id();
			}

			@Override
			public long contentLength() {
				return row.size();
			}

			@Override
			public @Nullable String getFilename() {
				return ContentTypes.downloadName(row.name(), row.contentType());
			}

			@Override
			public InputStream getInputStream() throws IOException {
				try {
					return aead.newDecryptingStream(Documents.this.contents.read(row.id()), associated);
				}
				catch (GeneralSecurityException ex) {
					throw new IOException("A document cannot be decrypted", ex);
				}
			}

		};
		return new Opened(row.view(List.of(), List.of()), content);
	}

	private static StreamingAead streaming(KeysetHandle key) {
		try {
			return key.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("A document's key cannot be used", ex);
		}
	}

	/**
	 * Binds a key and a content to their document: neither can be moved to another.
	 */
	private static byte[] associatedData(UUID id) {
		return ("concierge-document:" + id).getBytes(StandardCharsets.US_ASCII);
	}

	private static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	private static Access access(ResultSet rs) throws SQLException {
		return new Access(rs.getString("actor"), ActorKind.valueOf(rs.getString("actor_kind")), rs.getString("purpose"),
				rs.getObject("occurred_at", OffsetDateTime.class).toInstant());
	}

	private record Row(UUID id, DocumentKind kind, String name, String contentType, long size, Instant createdAt,
			State state, @Nullable String scanResult, byte[] wrappedKey) {

		static Row read(ResultSet rs, int n) throws SQLException {
			return new Row(rs.getObject("id", UUID.class), DocumentKind.valueOf(rs.getString("kind")),
					rs.getString("display_name"), rs.getString("content_type"), rs.getLong("size_bytes"),
					rs.getObject("created_at", OffsetDateTime.class).toInstant(), State.valueOf(rs.getString("state")),
					rs.getString("scan_result"), rs.getBytes("wrapped_key"));
		}

		DocumentView view(List<Access> accesses, List<Link> links) {
			return new DocumentView(this.id, this.kind, this.name, this.contentType, this.size, this.createdAt,
					this.state, this.scanResult, accesses, links);
		}

	}

}
