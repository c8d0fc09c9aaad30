package io.concierge.privacy;

import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.concierge.ChildNode;
import io.concierge.IntegrationTest;
import io.concierge.identity.Accounts;
import io.concierge.identity.Callers;
import io.concierge.identity.TestLogins;
import io.concierge.shared.PersonalData;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Privacy's background jobs on a node killed with SIGKILL in the middle of them: the
 * retention run and a personal-data export each go on from where they were, on a node
 * that was running all along, and nothing is done twice.
 */
@IntegrationTest
class PrivacyCrashTests {

	/** More due erasures than one batch of the retention job takes. */
	private static final int ERASURES = 260;

	/** More expired mails than one batch of a module's expiry removes. */
	private static final int MAILS = PersonalData.EXPIRY_BATCH * 2 + 500;

	/** So many notifications that making an export of them takes a while. */
	private static final int NOTIFICATIONS = 60_000;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Retention retention;

	@Autowired
	DataExports exports;

	@Autowired
	Accounts accounts;

	@Autowired
	Callers callers;

	@Autowired
	ObjectProvider<PersonalData> modules;

	@Value("${spring.datasource.url}")
	String database;

	@Value("${spring.datasource.password:}")
	String password;

	@Test
	void aRetentionRunKilledMidwayIsFinishedByTheNextRunAndErasesEachAccountOnce() throws Exception {
		String batch = "retention-" + UUID.randomUUID().toString().substring(0, 8);
		// accounts whose deletion is due, written as the erasure's request writes them
		// (without a password hash worth computing 260 times)
		this.jdbc.sql("""
				insert into account (id, email, display_name, password_hash, role, created_at)
				select gen_random_uuid(), ? || '-' || i || '@example.com', 'Retention ' || i, '{noop}unused',
				  'CUSTOMER', now()
				from generate_series(1, ?) i""").params(batch, ERASURES).update();
		this.jdbc.sql("""
				insert into erasure_request (account_id, status, requested_at, due_at, receipt_token_hash)
				select id, 'SCHEDULED', now() - interval '15 days', now() - interval '1 day', 'test-' || id
				from account where email like ?""").param(batch + "-%").update();
		// and more expired mails than one batch removes
		this.jdbc.sql("""
				insert into mail_message (id, recipient, subject, body, status, created_at, sent_at)
				select gen_random_uuid(), ? || '-mail@example.com', 'Your order', 'Sent long ago', 'SENT',
				  now() - interval '100 days', now() - interval '100 days'
				from generate_series(1, ?)""").params(batch, MAILS).update();
		List<UUID> accounts = this.jdbc
			.sql("select account_id from erasure_request where receipt_token_hash in"
					+ " (select 'test-' || id from account where email like ?)")
			.param(batch + "-%")
			.query(UUID.class)
			.list();
		assertThat(accounts).hasSize(ERASURES);

		// a node whose retention job starts with it
		try (ChildNode node = ChildNode.launch("retention-node", this.database, this.password,
				"--concierge.privacy.retention-delay=PT0S")) {
			await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(20)).until(() -> {
				if (!node.process().isAlive()) {
					throw new IllegalStateException("The node stopped; see " + node.log());
				}
				return erased(accounts) >= 20;
			});
			node.kill();
		}
		int before = erased(accounts);
		assertThat(before).as("killed in the middle of the run").isBetween(20, ERASURES - 1);

		// the next run, here on the node that ran all along, finishes what the killed one
		// began: the killed node's lock went with its connection
		await().atMost(Duration.ofSeconds(180)).until(() -> !this.retention.run().isEmpty());
		assertThat(erased(accounts)).as("the next run erased all that were due").isEqualTo(ERASURES);
		assertThat(this.jdbc.sql("select count(*) from mail_message where recipient = ?")
			.param(batch + "-mail@example.com")
			.query(Integer.class)
			.single()).as("and removed all the expired mails, batch after batch").isZero();
		assertThat(this.jdbc.sql("select count(*) from account where email like ?")
			.param(batch + "-%")
			.query(Integer.class)
			.single()).as("every account erased").isZero();
		assertThat(this.jdbc
			.sql("select count(*) from erasure_request where account_id in (:accounts) and receipt is not null")
			.param("accounts", accounts)
			.query(Integer.class)
			.single()).as("a receipt each").isEqualTo(ERASURES);
		// each erasure announced once: one publication per listener and account
		List<Integer> announced = this.jdbc.sql("""
				select count(*) - count(distinct p.listener_id) from event_publication p
				join erasure_request e on p.serialized_event like '%' || e.account_id || '%'
				where p.event_type like '%AccountErased' and e.account_id in (:accounts)
				group by e.account_id""").param("accounts", accounts).query(Integer.class).list();
		assertThat(announced).as("announced, once each").hasSize(ERASURES).containsOnly(0);
		System.out.println("Erased before the kill: " + before + " of " + ERASURES);
	}

	@Test
	void anExportWhoseNodeIsKilledIsTakenOnByASurvivingNodeOnceItsLeaseRunsOutAndMadeOnce() throws Exception {
		java.time.Instant started = java.time.Instant.now();
		UUID account = this.callers.of((Principal) TestLogins.customer(this.accounts)::email).account();
		// enough of a history that making the zip takes a while
		this.jdbc.sql("""
				insert into notification (id, event_key, account, channel, kind, title, body, link, created_at)
				select gen_random_uuid(), 'crash-export-' || ? || '-' || i, ?, 'IN_APP', 'ORDER_SHIPPED',
				  'Your order C-' || i || ' is on its way', repeat('Your parcel is on its way. ', 12), '/orders',
				  now() - i * interval '1 minute'
				from generate_series(1, ?) i""").params(account, account, NOTIFICATIONS).update();
		// asked for on a node that stopped before it began: nobody's claim
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into data_export (id, account_id, status, sections, link_nonce, requested_at)
				values (?, ?, 'RUNNING', 1 + ?, ?, now())""")
			.params(id, account, this.modules.orderedStream().count(), UUID.randomUUID().toString())
			.update();

		// a node takes it on as it starts, and is killed while it makes it
		try (ChildNode node = ChildNode.launch("export-node", this.database, this.password,
				"--concierge.privacy.export-lease=PT5S")) {
			await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(10)).until(() -> {
				if (!node.process().isAlive()) {
					throw new IllegalStateException("The node stopped; see " + node.log());
				}
				return this.jdbc.sql("select done >= 1 and claim is not null from data_export where id = ?")
					.param(id)
					.query(Boolean.class)
					.single();
			});
			assertThat(this.exports.resumeAbandoned()).as("not taken from a node that is making it").isZero();
			node.kill();
		}
		assertThat(this.exports.find(account, id).orElseThrow().status()).as("killed while making it")
			.isEqualTo("RUNNING");

		// this node, which ran all along, takes it on once the dead node's lease ran out
		await().atMost(Duration.ofSeconds(30)).until(() -> this.exports.resumeAbandoned() == 1);
		await().atMost(Duration.ofSeconds(120)).until(() -> !this.exports.find(account, id).orElseThrow().running());
		assertThat(this.exports.resumeAbandoned()).isZero();

		DataExports.Export export = this.exports.find(account, id).orElseThrow();
		assertThat(export.status()).isEqualTo("READY");
		assertThat(export.done()).isEqualTo(export.sections());
		assertThat(this.jdbc.sql("select count(*) from document where kind = 'DATA_EXPORT' and created_at >= ?")
			.param(started.atOffset(java.time.ZoneOffset.UTC))
			.query(Integer.class)
			.single()).as("one zip kept").isOne();
		try (var zip = new java.util.zip.ZipInputStream(
				this.exports.open(account, id, export.expiresAt().getEpochSecond(), signature(this.exports.link(id)),
						"session", "test", "127.0.0.1"))) {
			List<String> files = new java.util.ArrayList<>();
			for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				files.add(entry.getName());
			}
			assertThat(files).contains("README.md", "export.json", "notifications.json");
		}
		assertThat(this.jdbc.sql("""
				select count(*), count(distinct listener_id) from event_publication
				where event_type like '%ExportReady' and serialized_event like ?""")
			.param("%" + id + "%")
			.query((rs, n) -> List.of(rs.getInt(1), rs.getInt(2)))
			.single()).as("its mail announced once").satisfies((counts) -> {
				assertThat(counts.get(0)).isPositive();
				assertThat(counts.get(0)).isEqualTo(counts.get(1));
			});
	}

	private static String signature(String link) {
		return org.springframework.web.util.UriComponentsBuilder.fromUriString(link)
			.build()
			.getQueryParams()
			.getFirst("signature");
	}

	private int erased(List<UUID> accounts) {
		return this.jdbc.sql("select count(*) from erasure_request where account_id in (:accounts) and status = 'DONE'")
			.param("accounts", accounts)
			.query(Integer.class)
			.single();
	}

}
