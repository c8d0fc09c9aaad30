package io.concierge.privacy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.concierge.documents.DocumentKind;
import io.concierge.documents.Documents;
import io.concierge.identity.AccountEvents.Recipient;
import io.concierge.identity.AccountView;
import io.concierge.identity.Accounts;
import io.concierge.identity.Caller;
import io.concierge.identity.OrganisationRole;
import io.concierge.privacy.PrivacyEvents.ExportDownloaded;
import io.concierge.privacy.PrivacyEvents.ExportReady;
import io.concierge.privacy.PrivacyEvents.ExportRequested;
import io.concierge.shared.DataSubject;
import io.concierge.shared.GeneratedSecrets;
import io.concierge.shared.NotFound;
import io.concierge.shared.PersonalData;
import io.concierge.shared.Signatures;

/**
 * A person's data, or their company's for its administrator, as one zip: a JSON file per
 * module (described by the README inside) and their files, made in the background with
 * its progress counted per module, kept encrypted in the document store and sent as a
 * signed link that expires. Asked for again while one is being made, the same one is
 * shown; the link works in the first browser session that opens it, and a new link can be
 * had from the privacy page until the export expires.
 * <p>
 * The node making an export claims it for a lease
 * ({@code concierge.privacy.export-lease}) that it renews after each module. A node
 * killed midway leaves its claim to run out; then whichever node sweeps first
 * ({@link #resumeAbandoned()}, at start and every {@code concierge.privacy.export-sweep})
 * claims it anew and makes it from the start. An export is never taken from a node still
 * renewing its lease, and a node that lost its claim (it stalled past the lease) drops
 * its work: the zip, its document and the mail are written in one transaction only under
 * the claim that is still the export's, so an export is made once
 * ({@code PrivacyCrashTests}).
 */
@Service
public class DataExports {

	private static final Logger logger = LoggerFactory.getLogger(DataExports.class);

	/** An export made this recently is shown again rather than made anew. */
	static final java.time.Duration FRESH = java.time.Duration.ofMinutes(10);

	private final JdbcClient jdbc;

	private final Accounts accounts;

	private final ObjectProvider<PersonalData> modules;

	private final Documents documents;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	/** The name of the secret made for the links when none is configured. */
	static final String LINK_SECRET = "privacy.link-secret";

	private final PrivacySettings settings;

	private final GeneratedSecrets generated;

	private final Clock clock;

	private final TransactionTemplate transactions;

	DataExports(JdbcClient jdbc, Accounts accounts, ObjectProvider<PersonalData> modules, Documents documents,
			JsonMapper json, ApplicationEventPublisher events, PrivacySettings settings, Clock clock,
			GeneratedSecrets generated, TransactionTemplate transactions) {
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.modules = modules;
		this.documents = documents;
		this.json = json;
		this.events = events;
		this.settings = settings;
		this.generated = generated;
		this.clock = clock;
	}

	/**
	 * One export as its owner sees it.
	 */
	public record Export(UUID id, boolean company, String status, int sections, int done, Instant requestedAt,
			@Nullable Instant expiresAt) {

		public int percent() {
			return (this.sections == 0) ? 100 : Math.min(100, this.done * 100 / this.sections);
		}

		public boolean ready() {
			return this.status.equals("READY");
		}

		public boolean running() {
			return this.status.equals("RUNNING");
		}

	}

	/**
	 * Starts the export of the caller's data, or their company's when asked for and they
	 * administer it. While one is being made, or one was made minutes ago, that one is
	 * the answer: asking a hundred times makes one.
	 */
	public Export request(Caller caller, boolean company, String actor, String origin) {
		if (company && (caller.organisation() == null || !caller.may(OrganisationRole.ADMIN))) {
			throw new NotFound("company export");
		}
		UUID scope = company ? caller.organisation() : null;
		Optional<Export> recent = latest(caller.account(), scope).filter((export) -> export.running()
				|| (export.ready() && export.requestedAt().isAfter(this.clock.instant().minus(FRESH))));
		if (recent.isPresent()) {
			return recent.get();
		}
		UUID id = UUID.randomUUID();
		Instant now = this.clock.instant();
		UUID claim = UUID.randomUUID();
		int inserted = this.jdbc.sql("""
				insert into data_export (id, account_id, company_id, status, sections, link_nonce, requested_at,
				  claim, lease_until)
				values (?, ?, ?, 'RUNNING', ?, ?, ?, ?, now() + ?::interval) on conflict do nothing""")
			.params(id, caller.account(), scope, this.modules.orderedStream().count() + 1, nonce(),
					now.atOffset(ZoneOffset.UTC), claim, lease())
			.update();
		if (inserted == 0) {
			return latest(caller.account(), scope).orElseThrow();
		}
		this.events.publishEvent(new ExportRequested(actor, id, company, origin, now));
		Thread.ofVirtual().name("data-export-" + id).start(() -> build(id, claim));
		return find(caller.account(), id).orElseThrow();
	}

	@Transactional(readOnly = true)
	public Optional<Export> find(UUID account, UUID id) {
		return this.jdbc.sql("select * from data_export where id = ? and account_id = ?")
			.params(id, account)
			.query(DataExports::export)
			.optional();
	}

	@Transactional(readOnly = true)
	public List<Export> mine(UUID account) {
		return this.jdbc.sql("select * from data_export where account_id = ? order by requested_at desc limit 10")
			.param(account)
			.query(DataExports::export)
			.list();
	}

	/**
	 * A new signed link for a ready export: the one before stops working.
	 */
	@Transactional
	public String newLink(UUID account, UUID id) {
		int changed = this.jdbc.sql("""
				update data_export set link_nonce = ?, bound_session = null
				where id = ? and account_id = ? and status = 'READY'""").params(nonce(), id, account).update();
		if (changed == 0) {
			throw new NotFound("export " + id);
		}
		return link(id);
	}

	/**
	 * Why a link does not open its export.
	 */
	public enum Refusal {

		/** Altered, replaced by a newer link, or not the caller's. */
		INVALID,

		/** Past its seven days, or the export was removed. */
		EXPIRED,

		/** Already opened in another browser session. */
		OTHER_SESSION

	}

	/**
	 * A link that does not open its export.
	 */
	public static class LinkRefused extends RuntimeException {

		private final Refusal refusal;

		LinkRefused(Refusal refusal) {
			super("The export link is refused: " + refusal);
			this.refusal = refusal;
		}

		public Refusal refusal() {
			return this.refusal;
		}

	}

	/**
	 * Checks a link and opens its zip for the caller, in this browser session only.
	 * @throws LinkRefused saying why not
	 */
	@Transactional
	public InputStream open(UUID account, UUID id, long expires, String signature, String session, String actor,
			String origin) {
		var row = this.jdbc.sql("""
				select status, expires_at, link_nonce, bound_session, document_id from data_export
				where id = ? and account_id = ? for update""")
			.params(id, account)
			.query((rs,
					n) -> new Object[] { rs.getString(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
							rs.getString(4), rs.getObject(5, UUID.class) })
			.optional()
			.orElseThrow(() -> new LinkRefused(Refusal.INVALID));
		if (!MessageDigest.isEqual(signature(id, expires, (String) row[2]).getBytes(StandardCharsets.UTF_8),
				signature.getBytes(StandardCharsets.UTF_8))) {
			throw new LinkRefused(Refusal.INVALID);
		}
		OffsetDateTime expiresAt = (OffsetDateTime) row[1];
		if (!"READY".equals(row[0]) || expiresAt == null || expiresAt.toEpochSecond() != expires
				|| !this.clock.instant().isBefore(expiresAt.toInstant())) {
			throw new LinkRefused(Refusal.EXPIRED);
		}
		String bound = sha256(session);
		if (row[3] != null && !row[3].equals(bound)) {
			throw new LinkRefused(Refusal.OTHER_SESSION);
		}
		this.jdbc.sql("update data_export set bound_session = ? where id = ?").params(bound, id).update();
		this.events.publishEvent(new ExportDownloaded(actor, id, origin, this.clock.instant()));
		try {
			return this.documents.openGenerated((UUID) row[4], actor, "data export " + id).content().getInputStream();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/**
	 * Removes the exports past their time, with their zips.
	 * @return how many
	 */
	@Transactional
	public long expire() {
		List<Object[]> expired = this.jdbc.sql("""
				update data_export set status = 'EXPIRED', link_nonce = '', bound_session = null
				where status = 'READY' and expires_at <= ? returning id, document_id""")
			.param(this.clock.instant().atOffset(ZoneOffset.UTC))
			.query((rs, n) -> new Object[] { rs.getObject(1), rs.getObject(2, UUID.class) })
			.list();
		expired.forEach((row) -> this.documents.discard((UUID) row[1]));
		this.jdbc.sql("update data_export set document_id = null where status = 'EXPIRED' and document_id is not null")
			.update();
		return expired.size();
	}

	/**
	 * Removes a person's exports, for their erasure.
	 */
	@Transactional
	long discardAll(UUID account) {
		List<UUID> made = this.jdbc
			.sql("select document_id from data_export where account_id = ? and document_id is not null")
			.param(account)
			.query(UUID.class)
			.list();
		made.forEach(this.documents::discard);
		return this.jdbc.sql("delete from data_export where account_id = ?").param(account).update();
	}

	/**
	 * Makes the export under this claim; stops without a trace when the claim is no
	 * longer the export's.
	 */
	void build(UUID id, UUID claim) {
		// a module with many files may take longer than the lease: while the maker lives,
		// the lease is renewed beside it, so no other node takes the export on
		CountDownLatch made = new CountDownLatch(1);
		Thread.ofVirtual().name("data-export-lease-" + id).start(() -> renewWhileMaking(id, claim, made));
		try {
			var request = this.jdbc.sql("select account_id, company_id from data_export where id = ?")
				.param(id)
				.query((rs, n) -> new UUID[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class) })
				.single();
			AccountView account = this.accounts.find(request[0]).orElseThrow();
			DataSubject subject = new DataSubject(account.id(), account.email().value(), account.displayName(),
					request[1]);
			ByteArrayOutputStream zipped = new ByteArrayOutputStream();
			try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
				add(zip, "README.md", readme());
				Map<String, Object> about = new LinkedHashMap<>();
				about.put("exported_at", this.clock.instant().toString());
				about.put("account", account.id().toString());
				about.put("company", (request[1] != null) ? request[1].toString() : null);
				about.put("sections", this.modules.orderedStream().map(PersonalData::section).toList());
				add(zip, "export.json", this.json.writerWithDefaultPrettyPrinter().writeValueAsBytes(about));
				int done = 1;
				progress(id, claim, done);
				for (PersonalData module : this.modules.orderedStream().toList()) {
					add(zip, module.section() + ".json",
							this.json.writerWithDefaultPrettyPrinter().writeValueAsBytes(module.export(subject)));
					module.files(subject, (path, content) -> add(zip, "files/" + path, content));
					progress(id, claim, ++done);
				}
			}
			Boolean finished = this.transactions.execute((status) -> finish(id, claim, account, zipped.toByteArray()));
			if (!Boolean.TRUE.equals(finished)) {
				logger.info("Data export {} was taken on by another node; this one's work is dropped", id);
			}
		}
		catch (ClaimLost ex) {
			logger.info("Data export {} was taken on by another node; this one's work is dropped", id);
		}
		catch (IOException | RuntimeException ex) {
			logger.error("Data export {} failed", id, ex);
			this.jdbc.sql("update data_export set status = 'FAILED' where id = ? and claim = ? and status = 'RUNNING'")
				.params(id, claim)
				.update();
		}
		finally {
			made.countDown();
		}
	}

	private void renewWhileMaking(UUID id, UUID claim, CountDownLatch made) {
		long every = Math.max(1_000, this.settings.exportLease().toMillis() / 3);
		while (true) {
			try {
				if (made.await(every, TimeUnit.MILLISECONDS) || this.jdbc.sql("""
						update data_export set lease_until = now() + ?::interval
						where id = ? and claim = ? and status = 'RUNNING'""")
					.params(lease(), id, claim)
					.update() == 0) {
					return;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				logger.debug("The lease of data export {} was not renewed this time", id, ex);
			}
		}
	}

	/**
	 * Marks the export ready, keeps its zip and announces it, all in the caller's
	 * transaction and only while the claim is still the export's.
	 * @return whether it was
	 */
	private boolean finish(UUID id, UUID claim, AccountView account, byte[] zip) {
		Instant now = this.clock.instant();
		Instant expires = now.plus(this.settings.exportValidity()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		if (this.jdbc.sql("""
				update data_export set status = 'READY', done = sections, ready_at = ?, expires_at = ?,
				  claim = null, lease_until = null
				where id = ? and claim = ? and status = 'RUNNING'""")
			.params(now.atOffset(ZoneOffset.UTC), expires.atOffset(ZoneOffset.UTC), id, claim)
			.update() == 0) {
			return false;
		}
		UUID document = this.documents.keepGenerated(null, "system", DocumentKind.DATA_EXPORT,
				"concierge-export-" + now.atOffset(ZoneOffset.UTC).toLocalDate() + ".zip", "application/zip", zip);
		this.jdbc.sql("update data_export set document_id = ? where id = ?").params(document, id).update();
		this.events.publishEvent(new ExportReady(new Recipient(account.email(), account.displayName(),
				(account.language() != null) ? account.language() : "en"), link(id), expires, now));
		return true;
	}

	/**
	 * Goes on with the exports a stop interrupted, when this node starts.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void resume() {
		resumeAbandoned();
	}

	/**
	 * Takes on the exports whose maker's lease ran out (it died, or stopped): each is
	 * claimed anew by one node only, and made again from the start. An export whose node
	 * is alive renews its lease and is left to it.
	 * @return how many this node took on
	 */
	@Scheduled(fixedDelayString = "${concierge.privacy.export-sweep:PT30S}",
			initialDelayString = "${concierge.privacy.export-sweep:PT30S}")
	int resumeAbandoned() {
		List<UUID> abandoned = this.jdbc
			.sql("select id from data_export where status = 'RUNNING' and (lease_until is null or lease_until < now())")
			.query(UUID.class)
			.list();
		int taken = 0;
		for (UUID id : abandoned) {
			UUID claim = UUID.randomUUID();
			if (this.jdbc.sql("""
					update data_export set claim = ?, lease_until = now() + ?::interval, done = 0
					where id = ? and status = 'RUNNING' and (lease_until is null or lease_until < now())""")
				.params(claim, lease(), id)
				.update() == 1) {
				logger.info("Data export {} was left unfinished; this node makes it", id);
				Thread.ofVirtual().name("data-export-" + id).start(() -> build(id, claim));
				taken++;
			}
		}
		return taken;
	}

	/**
	 * The signed link of a ready export, relative to the portal.
	 */
	String link(UUID id) {
		var row = this.jdbc.sql("select expires_at, link_nonce from data_export where id = ?")
			.param(id)
			.query((rs, n) -> new Object[] { rs.getObject(1, OffsetDateTime.class), rs.getString(2) })
			.single();
		long expires = ((OffsetDateTime) row[0]).toEpochSecond();
		return "/account/privacy/exports/" + id + "?expires=" + expires + "&signature="
				+ signature(id, expires, (String) row[1]);
	}

	private String signature(UUID id, long expires, String nonce) {
		return HexFormat.of()
			.formatHex(Signatures.hmacSha256((id + "." + expires + "." + nonce).getBytes(StandardCharsets.UTF_8),
					linkSecret()));
	}

	/**
	 * The configured secret, else the one Concierge made for the links at its first
	 * start.
	 */
	private String linkSecret() {
		String configured = this.settings.linkSecret();
		return (configured != null && !configured.isBlank()) ? configured : this.generated.named(LINK_SECRET);
	}

	/**
	 * Counts a module done and renews the lease.
	 * @throws ClaimLost when the export is no longer this maker's
	 */
	private void progress(UUID id, UUID claim, int done) {
		if (this.jdbc.sql("""
				update data_export set done = ?, lease_until = now() + ?::interval
				where id = ? and claim = ? and status = 'RUNNING'""").params(done, lease(), id, claim).update() == 0) {
			throw new ClaimLost();
		}
	}

	/**
	 * The lease as PostgreSQL reads an interval: the database's clock decides when it
	 * runs out, the same for every node.
	 */
	private String lease() {
		return this.settings.exportLease().toMillis() + " milliseconds";
	}

	/**
	 * Another node took the export on.
	 */
	private static final class ClaimLost extends RuntimeException {

		ClaimLost() {
			super(null, null, false, false);
		}

	}

	private Optional<Export> latest(UUID account, @Nullable UUID company) {
		return this.jdbc.sql("""
				select * from data_export where account_id = ? and company_id is not distinct from ?
				order by requested_at desc limit 1""").params(account, company).query(DataExports::export).optional();
	}

	private static void add(ZipOutputStream zip, String path, byte[] content) throws IOException {
		zip.putNextEntry(new ZipEntry(path));
		zip.write(content);
		zip.closeEntry();
	}

	private static byte[] readme() throws IOException {
		try (InputStream in = new ClassPathResource("privacy/export-readme.md").getInputStream()) {
			return in.readAllBytes();
		}
	}

	private static Export export(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Export(rs.getObject("id", UUID.class), rs.getObject("company_id") != null, rs.getString("status"),
				rs.getInt("sections"), rs.getInt("done"),
				rs.getObject("requested_at", OffsetDateTime.class).toInstant(),
				Optional.ofNullable(rs.getObject("expires_at", OffsetDateTime.class))
					.map(OffsetDateTime::toInstant)
					.orElse(null));
	}

	private static String nonce() {
		return UUID.randomUUID().toString();
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
