package io.concierge.analytics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.concierge.shared.DataSubject;
import io.concierge.shared.ExportRows;
import io.concierge.shared.PersonalData;

/**
 * What analytics keeps about a person: their survey answers with comments, and their
 * account id on the raw events. An erasure removes the comments and the id; the events
 * stay, unattributed, so the sums and the rates do not change (they hold no one's id).
 */
@Component
class AnalyticsPersonalData implements PersonalData {

	private final JdbcClient jdbc;

	AnalyticsPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String section() {
		return "analytics";
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject subject) {
		Map<String, List<Map<String, Object>>> data = new LinkedHashMap<>();
		if (subject.isCompany()) {
			return data;
		}
		data.put("survey_answers", ExportRows.of(this.jdbc.sql("""
				select value as score, detail as comment, occurred_at as answered_at
				from analytics_event where kind = 'NPS' and account = ? order by occurred_at""")
			.param(subject.account())));
		return data;
	}

	@Override
	public List<Erased> erase(DataSubject subject, String pseudonym) {
		UUID account = subject.account();
		long answers = this.jdbc
			.sql("update analytics_event set detail = null where kind = 'NPS' and account = ? and detail is not null")
			.param(account)
			.update();
		long events = this.jdbc.sql("update analytics_event set account = null where account = ?")
			.param(account)
			.update();
		this.jdbc.sql("delete from analytics_active where account = ?").param(account).update();
		return List.of(Erased.erased("analytics.survey-comments", answers),
				Erased.pseudonymised("analytics.events", events));
	}

}
