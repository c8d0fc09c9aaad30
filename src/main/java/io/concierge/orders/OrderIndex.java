package io.concierge.orders;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.persistence.EntityManager;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.massindexing.MassIndexer;
import org.hibernate.search.mapper.orm.session.SearchSession;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps this node's search index in step with the database. Each node holds its own
 * Lucene index:
 * <ul>
 * <li>a change made on this node is indexed as its transaction commits (Hibernate
 * Search's listeners);</li>
 * <li>a change made on another node reaches this one as an order change notification and
 * is indexed here, a few hundred orders at a time;</li>
 * <li>at start-up a node rebuilds an index that is missing or incomplete, and otherwise
 * indexes again what changed shortly before its index's newest change, which covers what
 * it missed while it was down.</li>
 * </ul>
 * A node is not ready for traffic ({@code /actuator/health/readiness}) until its index
 * holds every order: a node that rebuilds it would otherwise answer searches with
 * nothing.
 */
@Component
class OrderIndex implements HealthIndicator {

	private static final Logger log = LoggerFactory.getLogger(OrderIndex.class);

	/** How far before the index's newest change to look again at start-up. */
	private static final Duration OVERLAP = Duration.ofMinutes(5);

	/** How many orders are indexed again in one transaction. */
	private static final int BATCH = 500;

	private final BlockingQueue<String> changed = new LinkedBlockingQueue<>();

	private final EntityManager entityManager;

	private final TransactionTemplate transactions;

	private final JdbcClient jdbc;

	private volatile @Nullable Thread worker;

	private volatile boolean complete;

	OrderIndex(EntityManager entityManager, TransactionTemplate transactions, JdbcClient jdbc, OrderChanges changes) {
		this.entityManager = entityManager;
		this.transactions = transactions;
		this.jdbc = jdbc;
		changes.followOtherNodes(this.changed::add);
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		// before the node reports ready, which follows this event
		this.complete = stored() == indexed();
		this.worker = Thread.ofVirtual().name("order-index").start(this::work);
	}

	@PreDestroy
	void stop() {
		Thread thread = this.worker;
		this.worker = null;
		if (thread != null) {
			thread.interrupt();
		}
	}

	private void work() {
		try {
			catchUp();
			while (this.worker != null) {
				List<String> numbers = new ArrayList<>();
				numbers.add(this.changed.take());
				this.changed.drainTo(numbers, BATCH - 1);
				index(numbers);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			if (this.worker != null) {
				log.error("Order search indexing stopped; restart the node to rebuild what it missed", ex);
			}
		}
	}

	@Override
	public Health health() {
		return this.complete ? Health.up().build() : Health.outOfService().withDetail("index", "rebuilding").build();
	}

	void catchUp() throws InterruptedException {
		long stored = stored();
		long indexed = indexed();
		if (indexed != stored) {
			log.info("Building the order search index: {} orders stored, {} indexed", stored, indexed);
			long start = System.nanoTime();
			massIndexer().startAndWait();
			log.info("Order search index built in {} s", Duration.ofNanos(System.nanoTime() - start).toSeconds());
		}
		else {
			indexRecentChanges();
		}
		this.complete = true;
		log.info("Order search index ready: {} orders", stored);
	}

	private long stored() {
		return this.jdbc.sql("select count(*) from customer_order").query(Long.class).single();
	}

	private long indexed() {
		return read((session) -> session.search(Order.class).where((f) -> f.matchAll()).fetchTotalHitCount());
	}

	/**
	 * Indexes again what changed shortly before the index's newest change: what this node
	 * may have missed while it was down.
	 */
	private void indexRecentChanges() {
		Instant newest = read((session) -> session.search(Order.class)
			.select((f) -> f.field("updatedAt", Instant.class))
			.where((f) -> f.matchAll())
			.sort((f) -> f.field("updatedAt").desc())
			.fetchHits(1)
			.stream()
			.findFirst()
			.orElse(null));
		if (newest == null) {
			return;
		}
		// not the mass indexer: it adds documents without removing the old ones
		List<String> numbers = this.jdbc.sql("select number from customer_order where updated_at >= ?")
			.param(newest.minus(OVERLAP).atOffset(ZoneOffset.UTC))
			.query(String.class)
			.list();
		for (int from = 0; from < numbers.size(); from += BATCH) {
			index(numbers.subList(from, Math.min(from + BATCH, numbers.size())));
		}
	}

	/**
	 * Indexes these orders again as they are in the database now.
	 */
	void index(Collection<String> numbers) {
		this.transactions.executeWithoutResult((status) -> {
			var plan = Search.session(this.entityManager).indexingPlan();
			this.entityManager
				.createQuery("select distinct o from Order o left join fetch o.lines where o.number in :numbers",
						Order.class)
				.setParameter("numbers", numbers)
				.getResultList()
				.forEach(plan::addOrUpdate);
		});
	}

	private MassIndexer massIndexer() {
		return Search.mapping(this.entityManager.getEntityManagerFactory())
			.scope(Order.class)
			.massIndexer()
			.threadsToLoadObjects(2)
			.batchSizeToLoadObjects(200);
	}

	private <T> T read(Function<SearchSession, T> query) {
		return this.transactions.execute((status) -> query.apply(Search.session(this.entityManager)));
	}

}
