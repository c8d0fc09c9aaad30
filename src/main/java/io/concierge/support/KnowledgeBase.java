package io.concierge.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurationContext;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurer;
import org.hibernate.search.engine.search.highlighter.dsl.HighlighterEncoder;
import org.hibernate.search.mapper.orm.Search;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.shared.NotFound;

/**
 * The knowledge base: articles in English and German, each saved text kept as a version,
 * published or in draft; searched in the reader's language with stemming, synonyms and
 * one typo forgiven per word, titles weighing more than text and articles readers found
 * helpful lately a little more; every search written down, so that those which found
 * nothing can be read.
 */
@Service
public class KnowledgeBase {

	static final String ENGLISH = "kb_en";

	static final String ENGLISH_QUERY = "kb_en_query";

	static final String GERMAN = "kb_de";

	static final String GERMAN_QUERY = "kb_de_query";

	/** Votes older than this no longer count towards an article's helpfulness. */
	static final Duration RECENT = Duration.ofDays(90);

	private static final int LONGEST_QUERY = 200;

	/** Fewer hits than this and typos are forgiven. */
	static final int FEW = 3;

	private final ArticleRepository articles;

	private final EntityManager entityManager;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	KnowledgeBase(ArticleRepository articles, EntityManager entityManager, JdbcClient jdbc,
			ApplicationEventPublisher events, Clock clock) {
		this.articles = articles;
		this.entityManager = entityManager;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * An article and the text that was saved with it.
	 */
	public record Draft(String slug, String locale, String category, String title, String body, List<String> related,
			boolean publish) {
	}

	/**
	 * One found article, with a passage of it in which the words found are marked (safe
	 * HTML: the text escaped, the marks {@code <mark>}).
	 */
	public record Hit(String slug, String title, String category, String passage) {
	}

	public record Version(int version, String title, Instant editedAt) {
	}

	/**
	 * Saves a new version of an article (a new article when the slug is new in that
	 * language).
	 * @throws IllegalArgumentException when a part is missing or the slug is not words
	 * joined by hyphens
	 */
	@Transactional
	public Article save(Draft draft, @Nullable UUID editor) {
		String locale = language(draft.locale());
		if (!draft.slug().matches("[a-z0-9]+(-[a-z0-9]+)*") || draft.slug().length() > 80) {
			throw new IllegalArgumentException("support.article.slug");
		}
		if (draft.title().isBlank() || draft.body().isBlank() || draft.category().isBlank()) {
			throw new IllegalArgumentException("support.article.missing");
		}
		Instant now = this.clock.instant();
		Article article = this.articles.findBySlugAndLocale(draft.slug(), locale).orElse(null);
		if (article == null) {
			article = new Article(draft.slug(), locale, draft.category(), now);
			this.entityManager.persist(article);
		}
		article.edit(draft.title().strip(), draft.body().strip(), draft.category().strip(), draft.related(), now);
		if (draft.publish()) {
			article.publish(now);
		}
		else {
			article.unpublish(now);
		}
		// the row first, then its version, which refers to it
		this.entityManager.flush();
		this.jdbc.sql("""
				insert into article_version (article, version, title, body, edited_by, edited_at)
				values (?, ?, ?, ?, ?, ?)""")
			.params(article.id(), article.version(), article.title(), article.body(), editor,
					java.sql.Timestamp.from(now))
			.update();
		return article;
	}

	/**
	 * The published article in the reader's language, else in the other one.
	 */
	@Transactional(readOnly = true)
	public Optional<Article> published(String slug, String locale) {
		return this.articles.findBySlugAndLocale(slug, language(locale))
			.filter(Article::published)
			.or(() -> this.articles.findBySlugAndLocale(slug, other(language(locale))).filter(Article::published));
	}

	@Transactional(readOnly = true)
	public Optional<Article> find(String slug, String locale) {
		return this.articles.findBySlugAndLocale(slug, language(locale));
	}

	/**
	 * Every article, drafts too, for those who write them.
	 */
	@Transactional(readOnly = true)
	public List<Article> all() {
		return this.articles.findAllByOrderByCategoryAscTitleAsc();
	}

	/**
	 * An article in the help centre's contents.
	 */
	public record Entry(String slug, String title, String category) {
	}

	/**
	 * The help centre's contents in the reader's language: per category, the articles
	 * readers found most helpful first, at most {@code perCategory} of them.
	 */
	@Transactional(readOnly = true)
	public List<Entry> contents(String locale, int perCategory) {
		return this.jdbc.sql("""
				select slug, title, category from (
				  select slug, title, category,
				         row_number() over (partition by category order by helpfulness desc, title) as place
				  from article where status = 'PUBLISHED' and locale = ?) ranked
				where place <= ? order by category, place""")
			.params(language(locale), perCategory)
			.query((row, n) -> new Entry(row.getString(1), row.getString(2), row.getString(3)))
			.list();
	}

	@Transactional(readOnly = true)
	public List<Version> history(UUID article) {
		return this.jdbc
			.sql("select version, title, edited_at from article_version where article = ? order by version desc")
			.param(article)
			.query((row, n) -> new Version(row.getInt(1), row.getString(2), row.getTimestamp(3).toInstant()))
			.list();
	}

	@Transactional(readOnly = true)
	public Optional<String> versionText(UUID article, int version) {
		return this.jdbc.sql("select body from article_version where article = ? and version = ?")
			.params(article, version)
			.query(String.class)
			.optional();
	}

	/**
	 * Published articles in the reader's language that match the words, best first; the
	 * search is recorded with the number found.
	 */
	@Transactional
	public List<Hit> search(String words, String locale, int limit) {
		return search(words, locale, limit, null);
	}

	/**
	 * The same, for a signed-in customer or (without an account) anyone; the search is
	 * also announced, with the number found.
	 */
	@Transactional
	public List<Hit> search(String words, String locale, int limit, @Nullable UUID account) {
		String query = words.strip();
		if (query.length() > LONGEST_QUERY) {
			query = query.substring(0, LONGEST_QUERY);
		}
		if (query.isEmpty()) {
			return List.of();
		}
		List<Hit> hits = find(query, language(locale), limit);
		String normalised = query.toLowerCase(java.util.Locale.ROOT);
		Instant now = this.clock.instant();
		this.jdbc.sql("insert into help_search (query, locale, results, searched_at) values (?, ?, ?, ?)")
			.params(normalised, language(locale), hits.size(), java.sql.Timestamp.from(now))
			.update();
		this.events.publishEvent(
				new SupportEvents.HelpCentreSearched(normalised, language(locale), hits.size(), account, now));
		return hits;
	}

	/**
	 * The same search, not recorded: for suggestions while someone types.
	 */
	@Transactional(readOnly = true)
	public List<Hit> suggest(String words, String locale, int limit) {
		String query = words.strip();
		if (query.length() < 3) {
			return List.of();
		}
		return find((query.length() > LONGEST_QUERY) ? query.substring(0, LONGEST_QUERY) : query, language(locale),
				limit);
	}

	/**
	 * The words as typed (stemmed, with synonyms) first; only when that finds fewer than
	 * {@value #FEW} articles, again with one typo forgiven per word. Forgiving typos
	 * always would match and highlight far more: the highlighter builds an automaton per
	 * forgiven word and hit, which made a search of 10,000 articles ten times slower.
	 */
	private List<Hit> find(String query, String language, int limit) {
		int most = Math.max(1, Math.min(limit, 50));
		List<Hit> hits = find(query, language, most, false);
		if (hits.size() < FEW) {
			List<Hit> exact = hits;
			hits = new ArrayList<>(exact);
			for (Hit hit : find(query, language, most, true)) {
				if (hits.size() < most && exact.stream().noneMatch((found) -> found.slug().equals(hit.slug()))) {
					hits.add(hit);
				}
			}
		}
		return hits;
	}

	private List<Hit> find(String query, String language, int most, boolean forgiving) {
		String title = "title_" + language;
		String body = "body_" + language;
		String analyzer = "en".equals(language) ? ENGLISH : GERMAN;
		List<List<?>> rows = Search.session(this.entityManager)
			.search(Article.class)
			.select((f) -> f.composite(f.field("slug", String.class), f.field(title, String.class),
					f.field("category", String.class), f.highlight(body)))
			.where((f) -> f.bool()
				.filter(f.match().field("locale").matching(language))
				.filter(f.match().field("status").matching("PUBLISHED"))
				.must(forgiving
						? f.match().field(title).boost(3f).field(body).matching(query).fuzzy(1).analyzer(analyzer)
						: f.match().field(title).boost(3f).field(body).matching(query))
				.should(f.range().field("helpfulness").atLeast(0.7).constantScore().boost(0.3f)))
			.highlighter((h) -> h.unified()
				.encoder(HighlighterEncoder.HTML)
				.tag("<mark>", "</mark>")
				.numberOfFragments(1)
				.noMatchSize(180))
			.fetchHits(most);
		List<Hit> hits = new ArrayList<>();
		for (List<?> row : rows) {
			@SuppressWarnings("unchecked")
			List<String> passage = (List<String>) row.get(3);
			hits.add(new Hit((String) row.get(0), (String) row.get(1), (String) row.get(2),
					passage.isEmpty() ? "" : passage.getFirst()));
		}
		return hits;
	}

	/**
	 * A reader's "was this helpful?": one vote per reader and article, which they may
	 * change; the article's helpfulness counts the last 90 days' votes.
	 */
	@Transactional
	public void vote(String slug, String locale, String voter, boolean helpful) {
		Article article = published(slug, locale).orElseThrow(() -> new NotFound("article " + slug));
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				insert into article_vote (article, voter, helpful, voted_at) values (?, ?, ?, ?)
				on conflict (article, voter) do update set helpful = excluded.helpful, voted_at = excluded.voted_at""")
			.params(article.id(), voter, helpful, java.sql.Timestamp.from(now))
			.update();
		record Counts(int helpful, int unhelpful, int recentHelpful, int recent) {
		}
		Counts counts = this.jdbc.sql("""
				select count(*) filter (where helpful), count(*) filter (where not helpful),
				       count(*) filter (where helpful and voted_at > ?), count(*) filter (where voted_at > ?)
				from article_vote where article = ?""")
			.params(java.sql.Timestamp.from(now.minus(RECENT)), java.sql.Timestamp.from(now.minus(RECENT)),
					article.id())
			.query((row, n) -> new Counts(row.getInt(1), row.getInt(2), row.getInt(3), row.getInt(4)))
			.single();
		article.votes(counts.helpful(), counts.unhelpful(), (counts.recentHelpful() + 1.0) / (counts.recent() + 2.0));
	}

	/**
	 * Searches that found nothing, most asked first: what the knowledge base lacks.
	 */
	@Transactional(readOnly = true)
	public List<Missing> missing(int limit) {
		return this.jdbc.sql("""
				select query, locale, count(*) from help_search where results = 0
				group by query, locale order by count(*) desc, query limit ?""")
			.param(limit)
			.query((row, n) -> new Missing(row.getString(1), row.getString(2), row.getInt(3)))
			.list();
	}

	public record Missing(String query, String locale, int times) {
	}

	static String language(@Nullable String locale) {
		return (locale != null && locale.toLowerCase(java.util.Locale.ROOT).startsWith("de")) ? "de" : "en";
	}

	private static String other(String language) {
		return "de".equals(language) ? "en" : "de";
	}

	/**
	 * The analysis of articles: per language, words stemmed (Porter for English, the
	 * light German stemmer after German's normalisation), accents folded; what readers
	 * search is also read with the language's synonyms.
	 */
	@Component("articleSearchAnalysis")
	static class Analysis implements LuceneAnalysisConfigurer {

		@Override
		public void configure(LuceneAnalysisConfigurationContext context) {
			context.analyzer(ENGLISH)
				.custom()
				.tokenizer("standard")
				.tokenFilter("englishPossessive")
				.tokenFilter("lowercase")
				.tokenFilter("asciiFolding")
				.tokenFilter("porterStem");
			context.analyzer(ENGLISH_QUERY)
				.custom()
				.tokenizer("standard")
				.tokenFilter("englishPossessive")
				.tokenFilter("lowercase")
				.tokenFilter("synonymGraph")
				.param("synonyms", "support/synonyms_en.txt")
				.param("ignoreCase", "true")
				.tokenFilter("asciiFolding")
				.tokenFilter("porterStem");
			context.analyzer(GERMAN)
				.custom()
				.tokenizer("standard")
				.tokenFilter("lowercase")
				.tokenFilter("germanNormalization")
				.tokenFilter("germanLightStem");
			context.analyzer(GERMAN_QUERY)
				.custom()
				.tokenizer("standard")
				.tokenFilter("lowercase")
				.tokenFilter("synonymGraph")
				.param("synonyms", "support/synonyms_de.txt")
				.param("ignoreCase", "true")
				.tokenFilter("germanNormalization")
				.tokenFilter("germanLightStem");
		}

	}

}
