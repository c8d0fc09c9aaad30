package io.concierge.partners;

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
 * What the partners module keeps about a person: whom they work for, and whom they
 * invited or added as a partner. Erased, their membership ends and their address is
 * replaced where they acted.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 2)
class PartnersPersonalData implements PersonalData {

	private final JdbcClient jdbc;

	PartnersPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String section() {
		return "partners";
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject subject) {
		if (subject.isCompany()) {
			return Map.of();
		}
		return Map.of("memberships", ExportRows.of(this.jdbc.sql("""
				select p.name as partner, p.kind, m.invited_by, m.invited_at from partner_member m
				join partner p on p.id = m.partner_id where m.account_id = ?""").param(subject.account())));
	}

	@Override
	public List<Erased> erase(DataSubject subject, String pseudonym) {
		long memberships = this.jdbc.sql("delete from partner_member where account_id = ?")
			.param(subject.account())
			.update();
		long acted = this.jdbc.sql("update partner_member set invited_by = ? where invited_by = ?")
			.params(pseudonym, subject.email())
			.update()
				+ this.jdbc.sql("update partner set created_by = ? where created_by = ?")
					.params(pseudonym, subject.email())
					.update();
		return List.of(Erased.erased("partners.memberships", memberships),
				Erased.pseudonymised("partners.invitations", acted));
	}

}
