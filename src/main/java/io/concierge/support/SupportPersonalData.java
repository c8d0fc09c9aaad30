package io.concierge.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.concierge.shared.DataSubject;
import io.concierge.shared.ExportRows;
import io.concierge.shared.PersonalData;

/**
 * What support keeps about a person: their tickets with the conversation (internal notes
 * excepted), their ratings and their votes on articles. An erasure keeps the tickets for
 * the service statistics, with a pseudonym for the requester and no subject; it blanks
 * what the person wrote, removes their attachments (the files go with their documents),
 * takes their name and address out of the agents' replies, and removes their votes.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 2)
class SupportPersonalData implements PersonalData {

	private final JdbcClient jdbc;

	SupportPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String section() {
		return "support";
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject subject) {
		Map<String, List<Map<String, Object>>> data = new LinkedHashMap<>();
		if (subject.isCompany()) {
			return data;
		}
		UUID account = subject.account();
		data.put("tickets", ExportRows.of(this.jdbc.sql("""
				select number, email, subject, category, status, context_kind, context_ref, order_number, created_at,
				  updated_at, solved_at, closed_at
				from ticket where account = ? order by created_at""").param(account)));
		data.put("messages", ExportRows.of(this.jdbc.sql("""
				select t.number as ticket_number, m.author_kind, m.body, m.via, m.document as attachment,
				  m.created_at
				from ticket_message m join ticket t on t.id = m.ticket
				where t.account = ? and not m.internal order by m.created_at""").param(account)));
		data.put("ratings", ExportRows.of(this.jdbc.sql("""
				select t.number as ticket_number, r.score, r.comment, r.rated_at
				from ticket_rating r join ticket t on t.id = r.ticket where t.account = ? order by r.rated_at""")
			.param(account)));
		data.put("article_votes", ExportRows.of(this.jdbc.sql("""
				select a.slug, a.locale, v.helpful, v.voted_at
				from article_vote v join article a on a.id = v.article where v.voter = ? order by v.voted_at""")
			.param("account:" + account)));
		return data;
	}

	@Override
	public List<String> references(DataSubject subject) {
		return this.jdbc.sql("select number from ticket where account = ? order by created_at")
			.param(subject.account())
			.query(String.class)
			.list();
	}

	@Override
	public List<Erased> erase(DataSubject subject, String pseudonym) {
		UUID account = subject.account();
		String email = subject.email();
		String name = subject.name();
		String tickets = "select id from ticket where account = ?";
		long messages = this.jdbc.sql("""
				update ticket_message set body = '', document = null
				where author_kind = 'CUSTOMER' and ticket in (%s)""".formatted(tickets)).param(account).update();
		this.jdbc.sql("""
				update ticket_message set body = replace(replace(body, ?, ?), ?, ?)
				where author_kind <> 'CUSTOMER' and ticket in (%s)""".formatted(tickets))
			.params(email, pseudonym, name, pseudonym, account)
			.update();
		this.jdbc.sql("""
				update ticket_event set detail = replace(replace(detail, ?, ?), ?, ?)
				where detail is not null and ticket in (%s)""".formatted(tickets))
			.params(email, pseudonym, name, pseudonym, account)
			.update();
		messages += this.jdbc.sql("update ticket_rating set comment = null where ticket in (" + tickets + ")")
			.param(account)
			.update();
		long pseudonymised = this.jdbc.sql("update ticket set email = ?, subject = ? where account = ?")
			.params(pseudonym + "@erased.invalid", "-", account)
			.update();
		long votes = this.jdbc.sql("delete from article_vote where voter = ?").param("account:" + account).update();
		return List.of(Erased.pseudonymised("support.tickets", pseudonymised),
				Erased.erased("support.messages", messages), Erased.erased("support.votes", votes));
	}

}
