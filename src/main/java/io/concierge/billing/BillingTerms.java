package io.concierge.billing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.identity.Organisations;
import io.concierge.orders.Channel;
import io.concierge.shared.AuditableEvent;

/**
 * What an administrator sets about billing: each company's terms (VAT id, credit limit,
 * days to pay) and, per channel, whether orders are invoiced when placed or per shipment.
 */
@Service
public class BillingTerms {

	private static final Pattern VAT_ID = Pattern.compile("[A-Z]{2}[A-Z0-9+*.]{2,12}");

	private final JdbcClient jdbc;

	private final Organisations organisations;

	private final BillingSettings settings;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	BillingTerms(JdbcClient jdbc, Organisations organisations, BillingSettings settings,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.organisations = organisations;
		this.settings = settings;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * A company with its terms; without terms of its own, the defaults.
	 */
	public record Company(UUID id, String name, @Nullable String vatId, @Nullable BigDecimal creditLimit,
			String currency, int paymentDays) {

	}

	@Transactional(readOnly = true)
	public List<Company> companies() {
		return this.organisations.companies()
			.stream()
			.map((company) -> this.jdbc.sql("select * from billing_terms where organisation_id = ?")
				.param(company.id())
				.query((rs, n) -> new Company(company.id(), company.name(), rs.getString("vat_id"),
						rs.getBigDecimal("credit_limit"), rs.getString("currency"), rs.getInt("payment_days")))
				.optional()
				.orElse(new Company(company.id(), company.name(), null, null, "EUR", this.settings.paymentDays())))
			.toList();
	}

	/**
	 * Sets a company's terms.
	 * @throws InvalidPayment ({@code terms.*}) when a value is not one Concierge can
	 * invoice with
	 */
	@Transactional
	public void change(UUID organisation, @Nullable String vatId, @Nullable BigDecimal creditLimit, String currency,
			int paymentDays, String actor, String origin) {
		String vat = (vatId == null || vatId.isBlank()) ? null : vatId.replace(" ", "").toUpperCase();
		if (vat != null && !VAT_ID.matcher(vat).matches()) {
			throw new InvalidPayment("terms.vatId", vatId);
		}
		if (creditLimit != null && creditLimit.signum() < 0) {
			throw new InvalidPayment("terms.creditLimit");
		}
		if (paymentDays < 0 || paymentDays > 120) {
			throw new InvalidPayment("terms.paymentDays");
		}
		if (!currency.matches("[A-Z]{3}")) {
			throw new InvalidPayment("terms.currency", currency);
		}
		this.jdbc.sql("""
				insert into billing_terms (organisation_id, vat_id, credit_limit, currency, payment_days)
				values (?, ?, ?, ?, ?)
				on conflict (organisation_id) do update set vat_id = excluded.vat_id,
				  credit_limit = excluded.credit_limit, currency = excluded.currency,
				  payment_days = excluded.payment_days""")
			.params(organisation, vat, creditLimit, currency, paymentDays)
			.update();
		this.events.publishEvent(new TermsChanged(actor, "company " + organisation + ": VAT id " + vat + ", net "
				+ paymentDays + ", limit " + creditLimit + " " + currency, origin, this.clock.instant()));
	}

	/**
	 * Per channel, when its orders are invoiced: {@code PLACED} or {@code SHIPPED}.
	 */
	@Transactional(readOnly = true)
	public Map<Channel, String> issueOn() {
		Map<Channel, String> issueOn = new EnumMap<>(Channel.class);
		for (Channel channel : Channel.values()) {
			issueOn.put(channel,
					this.jdbc.sql("select issue_on from billing_channel where channel = ?")
						.param(channel.name())
						.query(String.class)
						.optional()
						.orElse("SHIPPED"));
		}
		return issueOn;
	}

	@Transactional
	public void issueOn(Channel channel, String when, String actor, String origin) {
		if (!when.equals("PLACED") && !when.equals("SHIPPED")) {
			throw new InvalidPayment("terms.issueOn", when);
		}
		this.jdbc.sql("""
				insert into billing_channel (channel, issue_on) values (?, ?)
				on conflict (channel) do update set issue_on = excluded.issue_on""")
			.params(channel.name(), when)
			.update();
		this.events
			.publishEvent(new TermsChanged(actor, channel + " invoiced when " + when, origin, this.clock.instant()));
	}

	public record TermsChanged(String actor, String subject, String origin,
			Instant occurredAt) implements AuditableEvent {

		@Override
		public String action() {
			return "billing.terms.changed";
		}

	}

}
