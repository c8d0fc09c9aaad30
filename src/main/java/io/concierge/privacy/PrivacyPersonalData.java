package io.concierge.privacy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.concierge.shared.DataSubject;
import io.concierge.shared.PersonalData;

/**
 * What the privacy module keeps about a person: their consents, their exports, and the
 * audit trail's entries naming them, which an erasure pseudonymises (the chain still
 * verifies). Completed entries of the event log that carry their address go too.
 */
@Component
@Order(0)
class PrivacyPersonalData implements PersonalData {

	private final JdbcClient jdbc;

	private final AuditTrail trail;

	private final DataExports exports;

	/**
	 * The exports come lazily: they need every module's part, this one's too.
	 */
	PrivacyPersonalData(JdbcClient jdbc, AuditTrail trail, @Lazy DataExports exports) {
		this.jdbc = jdbc;
		this.trail = trail;
		this.exports = exports;
	}

	@Override
	public String section() {
		return "privacy";
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject subject) {
		Map<String, List<Map<String, Object>>> data = new LinkedHashMap<>();
		data.put("consents", this.jdbc.sql("""
				select c.purpose, c.version, c.granted, c.decided_at::text as decided_at, c.origin,
				  case when c.granted then t.text_en end as text_consented_to
				from consent c join consent_text t on t.purpose = c.purpose and t.version = c.version
				where c.account_id = ? order by c.id""").param(subject.account()).query().listOfRows());
		data.put("audit_entries", this.jdbc.sql("""
				select sequence, occurred_at::text as occurred_at, actor, action, subject, origin from audit_entry
				where actor = ? or subject = ? or strpos(subject, ?) > 0 order by sequence""")
			.params(subject.email(), "account:" + subject.account(), subject.email())
			.query()
			.listOfRows());
		return data;
	}

	@Override
	public List<Erased> erase(DataSubject subject, String pseudonym) {
		long consents = this.jdbc.sql("delete from consent where account_id = ?").param(subject.account()).update();
		long exports = this.exports.discardAll(subject.account());
		long[] audit = this.trail.pseudonymise(subject.email(), pseudonym);
		long events = this.jdbc
			.sql("delete from event_publication where completion_date is not null and strpos(serialized_event, ?) > 0")
			.param(subject.email())
			.update();
		List<Erased> done = new java.util.ArrayList<>(
				List.of(Erased.erased("privacy.consents", consents), Erased.erased("privacy.exports", exports),
						Erased.pseudonymised("privacy.audit", audit[0]), Erased.erased("privacy.event-log", events)));
		if (audit[1] > 0) {
			done.add(Erased.kept("privacy.audit-unsealed", audit[1]));
		}
		return done;
	}

}
