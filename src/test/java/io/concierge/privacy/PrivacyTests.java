package io.concierge.privacy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.UriComponentsBuilder;

import io.concierge.IntegrationTest;
import io.concierge.identity.AccountView;
import io.concierge.identity.Accounts;
import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.identity.ProfileChange;
import io.concierge.identity.TestLogins;
import io.concierge.privacy.Consents.Purpose;
import io.concierge.privacy.DataExports.Export;
import io.concierge.privacy.DataExports.Refusal;
import io.concierge.shared.DataSubject;
import io.concierge.shared.EmailAddress;
import io.concierge.support.Ticket;
import io.concierge.support.TicketCategory;
import io.concierge.support.Tickets;
import io.concierge.shared.GeneratedSecrets;
import io.concierge.shared.PersonalData;
import io.concierge.shared.PersonalData.Erased;
import io.concierge.shared.Signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Privacy's rules on the running application: consents by version, one export however
 * often asked for and its signed link, the grace period and what holds an erasure up, the
 * signed receipt, the audit trail still intact after a pseudonym replaced a person, and
 * the retention jobs one node at a time.
 */
@IntegrationTest
class PrivacyTests {

	@Autowired
	Consents consents;

	@Autowired
	DataExports exports;

	@Autowired
	Erasures erasures;

	@Autowired
	DeletionReceipts receipts;

	@Autowired
	Retention retention;

	@Autowired
	AuditTrail trail;

	@Autowired
	Accounts accounts;

	@Autowired
	DataAccessLog accessLog;

	@Autowired
	Tickets tickets;

	@Autowired
	Callers callers;

	@Autowired
	List<PersonalData> modules;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Test
	void aConsentIsRecordedForTheVersionInForceOnly() {
		Caller customer = customer();
		assertThat(this.consents.granted(customer.account(), Purpose.MARKETING)).isFalse();

		this.consents.decide(customer.account(), Purpose.MARKETING, 1, true, "someone", "127.0.0.1");
		assertThat(this.consents.granted(customer.account(), Purpose.MARKETING)).isTrue();
		assertThatThrownBy(
				() -> this.consents.decide(customer.account(), Purpose.MARKETING, 7, true, "someone", "127.0.0.1"))
			.isInstanceOf(Consents.UnknownConsent.class);
		this.consents.decide(customer.account(), Purpose.MARKETING, 1, false, "someone", "127.0.0.1");

		assertThat(this.consents.granted(customer.account(), Purpose.MARKETING)).isFalse();
		assertThat(this.consents.history(customer.account())).extracting(Consents.Decision::granted)
			.containsExactly(false, true);
	}

	@Test
	void anExportAskedForAHundredTimesIsMadeOnceAndItsLinkOpensInOneSessionUntilItExpires() throws Exception {
		Caller customer = customer();
		List<Callable<Export>> requests = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			requests.add(() -> this.exports.request(customer, false, "someone", "127.0.0.1"));
		}
		List<UUID> ids = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
			for (Future<Export> made : pool.invokeAll(requests)) {
				ids.add(made.get().id());
			}
		}
		assertThat(ids).containsOnly(ids.getFirst());
		assertThat(count("data_export where account_id = '" + customer.account() + "'")).isEqualTo(1);

		UUID id = ids.getFirst();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.exports.find(customer.account(), id).orElseThrow().ready());
		String link = this.exports.link(id);
		var query = UriComponentsBuilder.fromUriString(link).build().getQueryParams();
		long expires = Long.parseLong(query.getFirst("expires"));
		String signature = query.getFirst("signature");

		List<String> files = new ArrayList<>();
		try (ZipInputStream zip = new ZipInputStream(open(customer, id, expires, signature, "session-1"))) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				files.add(entry.getName());
			}
		}
		assertThat(files).contains("README.md", "export.json", "privacy.json");

		assertThat(refusal(customer, id, expires, signature.replace(signature.charAt(3), 'x'), "session-1"))
			.isEqualTo(Refusal.INVALID);
		assertThat(refusal(customer, id, expires + 86_400, signature, "session-1")).isEqualTo(Refusal.INVALID);
		assertThat(refusal(customer(), id, expires, signature, "session-1")).isEqualTo(Refusal.INVALID);
		assertThat(refusal(customer, id, expires, signature, "session-2")).isEqualTo(Refusal.OTHER_SESSION);

		String fresh = this.exports.newLink(customer.account(), id);
		assertThat(refusal(customer, id, expires, signature, "session-1")).as("the old link is replaced")
			.isEqualTo(Refusal.INVALID);
		String freshSignature = UriComponentsBuilder.fromUriString(fresh)
			.build()
			.getQueryParams()
			.getFirst("signature");
		open(customer, id, expires, freshSignature, "session-2").close();

		this.jdbc.sql("update data_export set expires_at = now() - interval '1 minute' where id = ?")
			.param(id)
			.update();
		long expiresNow = this.jdbc
			.sql("select extract(epoch from date_trunc('second', expires_at))::bigint"
					+ " from data_export where id = ?")
			.param(id)
			.query(Long.class)
			.single();
		this.jdbc.sql("update data_export set expires_at = to_timestamp(?) where id = ?")
			.params(expiresNow, id)
			.update();
		String expired = this.exports.link(id);
		String expiredSignature = UriComponentsBuilder.fromUriString(expired)
			.build()
			.getQueryParams()
			.getFirst("signature");
		assertThat(refusal(customer, id, expiresNow, expiredSignature, "session-2")).isEqualTo(Refusal.EXPIRED);

		UUID document = this.jdbc.sql("select document_id from data_export where id = ?")
			.param(id)
			.query(UUID.class)
			.single();
		this.exports.expire();
		assertThat(this.exports.find(customer.account(), id).orElseThrow().status()).isEqualTo("EXPIRED");
		assertThat(count("document where id = '" + document + "'")).isZero();
	}

	@Test
	void aCompanyExportIsForItsAdministratorsOnly() {
		Caller member = customer();
		assertThatThrownBy(() -> this.exports.request(member, true, "someone", "127.0.0.1"))
			.isInstanceOf(io.concierge.shared.NotFound.class);
	}

	@Test
	void aDeletionWaitsForItsGracePeriodCanBeCancelledAndEndsInAReceiptThatVerifies() {
		Caller customer = customer();
		AccountView account = this.accounts.find(customer.account()).orElseThrow();
		this.trail.append(new PrivacyEvents.ExportDownloaded(account.email().value(), UUID.randomUUID(), "198.51.100.7",
				Instant.now()));

		Erasures.Scheduled scheduled = this.erasures.request(customer.account(), "127.0.0.1");
		assertThat(scheduled.erasure().dueAt()).isAfter(Instant.now().plus(Duration.ofDays(13)));
		assertThat(this.erasures.request(customer.account(), "127.0.0.1").receiptLink())
			.as("asked again while scheduled, nothing changes")
			.isEmpty();
		String token = scheduled.receiptLink().substring("/privacy/receipts/".length());
		assertThat(this.erasures.receipt(token).orElseThrow().status()).isEqualTo("SCHEDULED");

		this.erasures.runDue();
		assertThat(this.accounts.find(customer.account()).orElseThrow().email()).as("not due yet")
			.isEqualTo(account.email());
		assertThat(this.erasures.cancel(customer.account(), "someone", "127.0.0.1")).isTrue();
		Erasures.Scheduled again = this.erasures.request(customer.account(), "127.0.0.1");
		// the trail records both requests after their commits, as it would in the
		// fourteen days before the erasure is due
		await().atMost(Duration.ofSeconds(10))
			.until(() -> count("audit_entry where action = 'privacy.erasure.scheduled' and actor = '"
					+ account.email().value() + "'") == 2);
		this.jdbc.sql("update erasure_request set due_at = now() - interval '1 second' where account_id = ?")
			.param(customer.account())
			.update();

		assertThat(this.erasures.runDue()).isGreaterThanOrEqualTo(1);

		AccountView erased = this.accounts.find(customer.account()).orElseThrow();
		assertThat(erased.email().value()).doesNotContain(account.email().value());
		Erasures.ReceiptView receipt = this.erasures
			.receipt(again.receiptLink().substring("/privacy/receipts/".length()))
			.orElseThrow();
		assertThat(receipt.status()).isEqualTo("DONE");
		DeletionReceipts.Receipt verified = this.receipts.verify(receipt.receipt()).orElseThrow();
		assertThat(verified.account()).isEqualTo(customer.account().toString());
		assertThat(verified.classes()).extracting((line) -> line.get("class")).contains("privacy.audit");
		String[] parts = receipt.receipt().split("\\.");
		String altered = parts[0] + "."
				+ java.util.Base64.getUrlEncoder()
					.withoutPadding()
					.encodeToString(new String(java.util.Base64.getUrlDecoder().decode(parts[1]))
						.replace(customer.account().toString(), UUID.randomUUID().toString())
						.getBytes())
				+ "." + parts[2];
		assertThat(this.receipts.verify(altered)).isEmpty();
		assertThat(this.receipts.publicKeys().getKeys()).isNotEmpty()
			.allSatisfy((key) -> assertThat(key.isPrivate()).isFalse());

		assertThat(count("audit_entry where actor = '" + account.email().value() + "'")).isZero();
		assertThat(this.trail.verify().intact()).as("the chain still verifies after the pseudonyms").isTrue();
	}

	@Test
	void aRotatedReceiptKeySignsNewReceiptsWhileThoseSignedBeforeStillVerify() throws Exception {
		UUID account = UUID.randomUUID();
		String before = this.receipts.sign(account, java.time.Instant.now(), List.of());
		String oldKid = com.nimbusds.jwt.SignedJWT.parse(before).getHeader().getKeyID();

		String newKid = this.receipts.rotateKey();

		String after = this.receipts.sign(account, java.time.Instant.now(), List.of());
		assertThat(newKid).isNotEqualTo(oldKid);
		assertThat(com.nimbusds.jwt.SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(newKid);
		assertThat(this.receipts.verify(before)).as("signed with the retired key").isPresent();
		assertThat(this.receipts.verify(after)).isPresent();
		assertThat(this.receipts.publicKeys().getKeys()).extracting(com.nimbusds.jose.jwk.JWK::getKeyID)
			.contains(oldKid, newKid);
	}

	@Test
	void theRetentionJobsRunOnOneNodeAtATime() throws Exception {
		try (Connection other = this.dataSource.getConnection();
				PreparedStatement lock = other.prepareStatement("select pg_advisory_lock(?)")) {
			lock.setLong(1, 0x5245_5445_4e54_494fL);
			lock.executeQuery().close();
			assertThat(this.retention.run()).as("another node holds the lock").isEmpty();
			try (PreparedStatement unlock = other.prepareStatement("select pg_advisory_unlock(?)")) {
				unlock.setLong(1, 0x5245_5445_4e54_494fL);
				unlock.executeQuery().close();
			}
		}
		List<Erased> removed = this.retention.run();
		assertThat(removed).extracting(Erased::dataClass).contains("privacy.accounts", "privacy.exports-expired");
		assertThat(this.retention.recent()).isNotEmpty();
	}

	@Test
	void exportLinksAreSignedWithASecretMadeForThisDatabaseNotTheFormerPublicOne(@Autowired GeneratedSecrets generated)
			throws Exception {
		Caller customer = customer();
		UUID id = this.exports.request(customer, false, "someone", "127.0.0.1").id();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.exports.find(customer.account(), id).orElseThrow().ready());
		var query = UriComponentsBuilder.fromUriString(this.exports.link(id)).build().getQueryParams();
		long expires = Long.parseLong(query.getFirst("expires"));
		String nonce = this.jdbc.sql("select link_nonce from data_export where id = ?")
			.param(id)
			.query(String.class)
			.single();
		byte[] signed = (id + "." + expires + "." + nonce).getBytes(StandardCharsets.UTF_8);

		assertThat(query.getFirst("signature")).isEqualTo(
				HexFormat.of().formatHex(Signatures.hmacSha256(signed, generated.named(DataExports.LINK_SECRET))));
		String withThePublicDefault = HexFormat.of()
			.formatHex(Signatures.hmacSha256(signed, "concierge-demo-privacy-secret"));
		assertThat(refusal(customer, id, expires, withThePublicDefault, "session-1")).isEqualTo(Refusal.INVALID);
	}

	@Test
	void theRetentionJobsRemoveWhatOutlivedItsPeriodAndNothingYounger() {
		UUID old = UUID.randomUUID();
		UUID young = UUID.randomUUID();
		for (UUID mail : List.of(old, young)) {
			this.jdbc.sql("""
					insert into mail_message (id, recipient, subject, body, status, created_at)
					values (?, 'someone@example.com', 'Your order', 'Hello', 'SENT', now() - ? * interval '1 day')""")
				.params(mail, mail.equals(old) ? 91 : 89)
				.update();
		}
		String throttle = "address:" + UUID.randomUUID();
		this.jdbc.sql(
				"insert into sign_in_throttle (key, failures, last_failure_at) values (?, 3, now() - interval '2 days')")
			.param(throttle)
			.update();

		String oldWindow = "api-client:" + UUID.randomUUID();
		String currentWindow = "api-client:" + UUID.randomUUID();
		this.jdbc.sql("""
				insert into rate_limit (key, window_start, hits)
				values (?, now() - interval '2 days', 7), (?, now(), 7)""").params(oldWindow, currentWindow).update();

		List<Erased> removed = this.retention.run();

		assertThat(count("rate_limit where key = '" + oldWindow + "'")).isZero();
		assertThat(count("rate_limit where key = '" + currentWindow + "'")).isOne();
		assertThat(count("mail_message where id = '" + old + "'")).isZero();
		assertThat(count("mail_message where id = '" + young + "'")).isOne();
		assertThat(count("sign_in_throttle where key = '" + throttle + "'")).isZero();
		assertThat(removed).filteredOn((erased) -> erased.dataClass().equals("notifications.mail-expired"))
			.singleElement()
			.satisfies((erased) -> assertThat(erased.rows()).isPositive());
		assertThat(this.retention.recent()).extracting(Retention.Removal::dataClass)
			.contains("notifications.mail-expired", "identity.throttles");
	}

	private InputStream open(Caller caller, UUID id, long expires, String signature, String session) {
		return this.exports.open(caller.account(), id, expires, signature, session, "someone", "127.0.0.1");
	}

	private Refusal refusal(Caller caller, UUID id, long expires, String signature, String session) {
		try {
			open(caller, id, expires, signature, session).close();
			return null;
		}
		catch (DataExports.LinkRefused ex) {
			return ex.refusal();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private long count(String from) {
		return this.jdbc.sql("select count(*) from " + from).query(Long.class).single();
	}

	@Test
	void aCustomerSeesThatAnAgentOpenedTheirDataAndWhy() {
		Caller customer = customer();
		Ticket ticket = this.tickets.open(customer, new Tickets.NewTicket("Where is my parcel", "It has not come.",
				TicketCategory.OTHER, null, null, null, null, null), "WEB");
		AccountView me = this.accounts.find(customer.account()).orElseThrow();
		DataSubject subject = new DataSubject(me.id(), me.email().value(), me.displayName(), null);
		assertThat(this.accessLog.of(customer, subject)).as("the customer's own doings are not listed").isEmpty();

		this.tickets.viewed(UUID.randomUUID(), "agent-on-duty@concierge.example", ticket, "10.0.0.7");

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(this.accessLog.of(customer, subject)).singleElement().satisfies((access) -> {
						assertThat(access.who()).isEqualTo("agent-on-duty@concierge.example");
						assertThat(access.kind()).isEqualTo("STAFF");
						assertThat(access.what()).isEqualTo("support.customer.opened-as-agent");
						assertThat(access.detail()).contains(ticket.number());
					}));
	}

	private Caller customer() {
		TestLogins.TestLogin login = TestLogins.customer(this.accounts);
		return this.callers.of((Principal) login::email);
	}

}
