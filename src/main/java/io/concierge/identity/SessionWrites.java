package io.concierge.identity;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring Session JDBC writes a session's row on every request only to move its last
 * access time: on a busy page a write, a row lock and a WAL flush per request, all
 * requests of one session queued on that row. Here the row is written when its id,
 * timeout or principal changes, or when its last access moved by more than 30 seconds: a
 * session may then end up to 30 seconds before its idle timeout, and "last active" on the
 * sessions page is that coarse.
 * <p>
 * And it read and wrote the session in a JPA transaction, opening a Hibernate session for
 * each request only to run two SQL statements; a plain JDBC transaction does.
 * <p>
 * Requests of one session that add the same attribute at once (the first pages after
 * signing in each make the CSRF token) each inserted it, and all but the first failed on
 * the primary key with a 500; the last one now wins, as when they change it.
 */
@Configuration(proxyBeanMethods = false)
class SessionWrites {

	static final long TOUCH_MILLIS = 30_000;

	@Bean
	TransactionOperations springSessionTransactionOperations(DataSource dataSource) {
		return new TransactionTemplate(new DataSourceTransactionManager(dataSource))::execute;
	}

	/**
	 * The application's transactions, as Spring Boot would make them: Boot makes none
	 * once another {@link TransactionOperations} exists.
	 */
	@Bean
	TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
		return new TransactionTemplate(transactionManager);
	}

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> attributesAddedAtOnceByTwoRequests() {
		return (repository) -> repository.setCreateSessionAttributeQuery(
				"""
						insert into %TABLE_NAME%_attributes (session_primary_id, attribute_name, attribute_bytes)
						values (?, ?, ?)
						on conflict (session_primary_id, attribute_name) do update set attribute_bytes = excluded.attribute_bytes""");
	}

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> touchAtMostEveryThirtySeconds() {
		// the same parameters, in the same order, as Spring Session's own update
		return (repository) -> repository.setUpdateSessionQuery("""
				update %TABLE_NAME% s set session_id = v.id, last_access_time = v.at, max_inactive_interval = v.idle,
				  expiry_time = v.expiry, principal_name = v.principal
				from (select ?::varchar as id, ?::bigint as at, ?::int as idle, ?::bigint as expiry,
				  ?::varchar as principal) v
				where s.primary_id = ? and (s.session_id <> v.id or s.max_inactive_interval <> v.idle
				  or s.principal_name is distinct from v.principal or s.last_access_time < v.at - """ + TOUCH_MILLIS
				+ ")");
	}

}
