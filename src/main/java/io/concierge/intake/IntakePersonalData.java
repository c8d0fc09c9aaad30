package io.concierge.intake;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.concierge.shared.DataSubject;
import io.concierge.shared.ExportRows;
import io.concierge.shared.PersonalData;

/**
 * What intake keeps about a person: the submissions, exactly as the channels sent them,
 * that carry their address (the orders they became are the orders module's), and the
 * acknowledgements sent back about them, and the vendors' purchase orders they sent. An
 * erasure empties those payloads, discards a submission still waiting (it would otherwise
 * become an order of nobody), removes the acknowledgements and puts a pseudonym for the
 * sender of a purchase order. It runs first, before the orders' addresses go.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 3)
class IntakePersonalData implements PersonalData {

	/** A submission whose payload holds the address given as its parameter. */
	private static final String CARRIES = "position(convert_to(?, 'UTF8') in payload) > 0";

	private final JdbcClient jdbc;

	IntakePersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String section() {
		return "intake";
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject subject) {
		Map<String, List<Map<String, Object>>> data = new LinkedHashMap<>();
		if (subject.isCompany()) {
			data.put("submissions", ExportRows.of(this.jdbc.sql("""
					select channel_key, format, external_reference, received_at, state, order_number, reason
					from intake_submission where organisation_id = ? order by received_at""")
				.param(subject.company())));
			return data;
		}
		List<Map<String, Object>> submissions = this.jdbc.sql("""
				select channel_key, format, external_reference, received_at, state, order_number, reason, sent_by,
				  sent_from, payload
				from intake_submission where %s or sent_by = ? order by received_at""".formatted(CARRIES))
			.params(subject.email(), subject.email())
			.query()
			.listOfRows()
			.stream()
			.map((row) -> {
				Map<String, Object> submission = new LinkedHashMap<>(row);
				submission.put("payload", new String((byte[]) row.get("payload"), StandardCharsets.UTF_8));
				return ExportRows.row(submission);
			})
			.toList();
		data.put("submissions", submissions);
		return data;
	}

	@Override
	public List<Erased> erase(DataSubject subject, String pseudonym) {
		String email = subject.email();
		long submissions = this.jdbc.sql("""
				update intake_submission set payload = ''::bytea,
				  reason = case when strpos(reason, ?) > 0 then null else reason end,
				  warnings = case when strpos(warnings, ?) > 0 then null else warnings end,
				  state = case when state in ('RECEIVED', 'HELD', 'REJECTED', 'DEAD') then 'DISCARDED' else state end,
				  handled_by = case when state in ('RECEIVED', 'HELD', 'REJECTED', 'DEAD') then 'privacy'
				    else handled_by end
				where %s""".formatted(CARRIES)).params(email, email, email).update();
		// a vendor's purchase order is the vendor's: only who sent it goes
		long sent = this.jdbc.sql("update intake_submission set sent_by = ?, sent_from = null where sent_by = ?")
			.params(pseudonym, email)
			.update();
		long acknowledgements = this.jdbc.sql("delete from intake_acknowledgement where strpos(document, ?) > 0")
			.param(email)
			.update();
		return List.of(Erased.erased("intake.payloads", submissions + acknowledgements),
				Erased.erased("intake.senders", sent));
	}

}
