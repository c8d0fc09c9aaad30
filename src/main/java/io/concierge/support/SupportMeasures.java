package io.concierge.support;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Support's measures, from its events.
 * <ul>
 * <li><b>Handle time</b>: for each answer, the time since the same agent last opened the
 * ticket (at most an hour: longer means they left it open); the median.</li>
 * <li><b>First-contact resolution</b>: of the tickets solved in the period, the share
 * solved with one answer from support and never reopened.</li>
 * <li><b>CSAT</b>: the mean rating, and the share of 4 and 5.</li>
 * </ul>
 */
@Service
public class SupportMeasures {

	private final JdbcClient jdbc;

	SupportMeasures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record Measures(@Nullable Duration medianHandleTime, long solved, long solvedAtFirstContact,
			@Nullable Double meanRating, long ratings, long satisfied) {

		public double firstContactRate() {
			return (this.solved == 0) ? 0 : (double) this.solvedAtFirstContact / this.solved;
		}

		public double satisfiedRate() {
			return (this.ratings == 0) ? 0 : (double) this.satisfied / this.ratings;
		}

	}

	@Transactional(readOnly = true)
	public Measures over(Instant from, Instant to) {
		Timestamp start = Timestamp.from(from);
		Timestamp end = Timestamp.from(to);
		Double handle = this.jdbc.sql("""
				select percentile_cont(0.5) within group (order by seconds) from (
				  select extract(epoch from r.occurred_at - (
				    select max(v.occurred_at) from ticket_event v where v.ticket = r.ticket and v.actor = r.actor
				      and v.kind = 'VIEWED' and v.occurred_at <= r.occurred_at)) as seconds
				  from ticket_event r where r.kind = 'AGENT_REPLIED' and r.occurred_at between ? and ?) answers
				where seconds is not null and seconds <= 3600""")
			.params(start, end)
			.query(Double.class)
			.optional()
			.orElse(null);
		record Solved(long solved, long first) {
		}
		Solved solved = this.jdbc.sql("""
				select count(*), count(*) filter (where
				  (select count(*) from ticket_event e where e.ticket = t.id and e.kind = 'AGENT_REPLIED') = 1
				  and not exists (select 1 from ticket_event e where e.ticket = t.id and e.kind = 'REOPENED'))
				from ticket t where t.solved_at between ? and ? and t.merged_into is null""")
			.params(start, end)
			.query((row, n) -> new Solved(row.getLong(1), row.getLong(2)))
			.single();
		record Ratings(@Nullable Double mean, long count, long satisfied) {
		}
		Ratings ratings = this.jdbc.sql(
				"select avg(score), count(*), count(*) filter (where score >= 4) from ticket_rating where rated_at between ? and ?")
			.params(start, end)
			.query((row, n) -> new Ratings((row.getObject(1) != null) ? row.getDouble(1) : null, row.getLong(2),
					row.getLong(3)))
			.single();
		return new Measures((handle != null) ? Duration.ofSeconds(Math.round(handle)) : null, solved.solved(),
				solved.first(), ratings.mean(), ratings.count(), ratings.satisfied());
	}

}
