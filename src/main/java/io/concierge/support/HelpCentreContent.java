package io.concierge.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import org.hibernate.search.mapper.orm.Search;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The help centre's first articles, shipped in {@code support/articles} as
 * {@code <slug>.<language>.md} with a short header, written into an empty knowledge base
 * once (the first node to start does it); and the article index rebuilt when it does not
 * hold every article (a new node, or an index directory removed).
 */
@Component
class HelpCentreContent {

	private static final Logger log = LoggerFactory.getLogger(HelpCentreContent.class);

	private final KnowledgeBase knowledgeBase;

	private final JdbcClient jdbc;

	private final EntityManager entityManager;

	private final TransactionTemplate transactions;

	HelpCentreContent(KnowledgeBase knowledgeBase, JdbcClient jdbc, EntityManager entityManager,
			TransactionTemplate transactions) {
		this.knowledgeBase = knowledgeBase;
		this.jdbc = jdbc;
		this.entityManager = entityManager;
		this.transactions = transactions;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() throws IOException {
		Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:support/articles/*.md");
		int written = this.transactions.execute((status) -> {
			this.jdbc.sql("select pg_advisory_xact_lock(hashtext('support.articles'))").query((row, n) -> 1).list();
			if (this.jdbc.sql("select count(*) from article").query(Long.class).single() > 0) {
				return 0;
			}
			for (Resource file : files) {
				try {
					this.knowledgeBase.save(draft(file), null);
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			}
			return files.length;
		});
		if (written > 0) {
			log.info("Wrote the help centre's {} first articles", written);
		}
		long stored = this.jdbc.sql("select count(*) from article").query(Long.class).single();
		long indexed = this.transactions.execute((status) -> Search.session(this.entityManager)
			.search(Article.class)
			.where((f) -> f.matchAll())
			.fetchTotalHitCount());
		if (indexed != stored) {
			try {
				Search.mapping(this.entityManager.getEntityManagerFactory())
					.scope(Article.class)
					.massIndexer()
					.threadsToLoadObjects(1)
					.startAndWait();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	static KnowledgeBase.Draft draft(Resource file) throws IOException {
		String name = file.getFilename();
		String[] parts = name.split("\\.");
		String text;
		try (InputStream in = file.getInputStream()) {
			text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		int end = text.indexOf("\n---\n");
		Map<String, String> header = new HashMap<>();
		for (String line : text.substring(0, end).split("\n")) {
			int colon = line.indexOf(':');
			header.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
		}
		List<String> related = Arrays.stream(header.getOrDefault("related", "").split(" "))
			.filter((slug) -> !slug.isBlank())
			.toList();
		return new KnowledgeBase.Draft(parts[0], parts[1], header.get("category"), header.get("title"),
				text.substring(end + 5), related, true);
	}

}
