package io.concierge.support;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.search.engine.backend.types.Highlightable;
import org.hibernate.search.engine.backend.types.Projectable;
import org.hibernate.search.engine.backend.types.TermVector;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.FullTextField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.GenericField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.Indexed;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.IndexingDependency;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.ObjectPath;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.PropertyValue;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.KeywordField;
import org.jspecify.annotations.Nullable;

/**
 * An article of the knowledge base in one language, written in Markdown. Its title and
 * text are indexed twice, once per language's stemming, and searched in the reader's.
 */
@Entity
@Table(name = "article")
@Indexed(index = "articles")
public class Article {

	@Id
	private UUID id;

	@KeywordField(projectable = Projectable.YES)
	private String slug;

	@KeywordField
	private String locale;

	@KeywordField(projectable = Projectable.YES)
	private String category;

	@FullTextField(name = "title_en", analyzer = KnowledgeBase.ENGLISH, searchAnalyzer = KnowledgeBase.ENGLISH_QUERY,
			projectable = Projectable.YES, highlightable = Highlightable.ANY,
			termVector = TermVector.WITH_POSITIONS_OFFSETS)
	@FullTextField(name = "title_de", analyzer = KnowledgeBase.GERMAN, searchAnalyzer = KnowledgeBase.GERMAN_QUERY,
			projectable = Projectable.YES, highlightable = Highlightable.ANY,
			termVector = TermVector.WITH_POSITIONS_OFFSETS)
	private String title;

	private String body;

	@KeywordField
	private String status;

	@Column(name = "version")
	private int revision;

	private String related;

	private int helpful;

	private int unhelpful;

	@GenericField
	private double helpfulness;

	private Instant updatedAt;

	private @Nullable Instant publishedAt;

	protected Article() {
		this.id = UUID.randomUUID();
		this.slug = "";
		this.locale = "en";
		this.category = "";
		this.title = "";
		this.body = "";
		this.status = "DRAFT";
		this.related = "";
		this.helpfulness = 0.5;
		this.updatedAt = Instant.EPOCH;
	}

	Article(String slug, String locale, String category, Instant now) {
		this();
		this.slug = slug;
		this.locale = locale;
		this.category = category;
		this.updatedAt = now;
	}

	/**
	 * A new text: the next version.
	 */
	void edit(String title, String body, String category, List<String> related, Instant now) {
		this.title = title;
		this.body = body;
		this.category = category;
		this.related = String.join(" ", related);
		this.revision++;
		this.updatedAt = now;
	}

	void publish(Instant now) {
		this.status = "PUBLISHED";
		if (this.publishedAt == null) {
			this.publishedAt = now;
		}
		this.updatedAt = now;
	}

	void unpublish(Instant now) {
		this.status = "DRAFT";
		this.updatedAt = now;
	}

	void votes(int helpful, int unhelpful, double helpfulness) {
		this.helpful = helpful;
		this.unhelpful = unhelpful;
		this.helpfulness = helpfulness;
	}

	public UUID id() {
		return this.id;
	}

	public String slug() {
		return this.slug;
	}

	public String locale() {
		return this.locale;
	}

	public String category() {
		return this.category;
	}

	public String title() {
		return this.title;
	}

	public String body() {
		return this.body;
	}

	/**
	 * The text as a reader sees it, without Markdown's marks: what is searched and quoted
	 * in results.
	 */
	@FullTextField(name = "body_en", analyzer = KnowledgeBase.ENGLISH, searchAnalyzer = KnowledgeBase.ENGLISH_QUERY,
			highlightable = Highlightable.ANY, termVector = TermVector.WITH_POSITIONS_OFFSETS)
	@FullTextField(name = "body_de", analyzer = KnowledgeBase.GERMAN, searchAnalyzer = KnowledgeBase.GERMAN_QUERY,
			highlightable = Highlightable.ANY, termVector = TermVector.WITH_POSITIONS_OFFSETS)
	@IndexingDependency(derivedFrom = @ObjectPath(@PropertyValue(propertyName = "body")))
	public String getPlainText() {
		return Markdown.text(this.body);
	}

	public boolean published() {
		return "PUBLISHED".equals(this.status);
	}

	public int version() {
		return this.revision;
	}

	public List<String> related() {
		return Arrays.stream(this.related.split(" ")).filter((slug) -> !slug.isBlank()).toList();
	}

	public int helpful() {
		return this.helpful;
	}

	public int unhelpful() {
		return this.unhelpful;
	}

	public Instant updatedAt() {
		return this.updatedAt;
	}

}
