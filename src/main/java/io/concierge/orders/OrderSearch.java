package io.concierge.orders;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.persistence.EntityManager;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurationContext;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurer;
import org.hibernate.search.engine.search.predicate.dsl.PredicateFinalStep;
import org.hibernate.search.engine.search.predicate.dsl.SearchPredicateFactory;
import org.hibernate.search.engine.search.query.SearchResult;
import org.hibernate.search.engine.search.sort.dsl.SortOrder;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.session.SearchSession;
import org.hibernate.search.util.common.data.Range;

import org.springframework.stereotype.Component;

import io.concierge.identity.Caller;

/**
 * Text search in a caller's orders, in the Lucene index of orders: a product's name with
 * typos or its first words, a SKU prefix, or an order, purchase order or channel
 * reference. The caller's scope, the filters, the sort and the page's start are all part
 * of the one Lucene query; the database then reads the page's rows by id.
 */
@Component
class OrderSearch {

	/** The analyzer of product names: words, lower case, accents folded. */
	static final String WORDS = "words";

	/** The normalizer of SKUs: lower case, accents folded. */
	static final String FOLDED = "folded";

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

	private final EntityManager entityManager;

	OrderSearch(EntityManager entityManager) {
		this.entityManager = entityManager;
	}

	/**
	 * The ids of the page's orders, in order, one more than the page holds when another
	 * page follows; and how many match, counted up to {@link OrderPage#COUNT_LIMIT} + 1.
	 * @param number the text read as an order number
	 */
	Hits find(Caller caller, OrderFilter filter, String number, ZoneId zone) {
		OrderFilter.Sort sort = filter.sort();
		SortOrder direction = "desc".equals(sort.direction) ? SortOrder.DESC : SortOrder.ASC;
		String sortField = (sort == OrderFilter.Sort.NEWEST || sort == OrderFilter.Sort.OLDEST) ? "placedAt"
				: "grandTotal";
		SearchSession session = Search.session(this.entityManager);
		SearchResult<UUID> page = session.search(Order.class)
			.select((f) -> f.id(UUID.class))
			.where((f) -> (filter.after() == null) ? matching(f, caller, filter, number, zone)
					: f.and(matching(f, caller, filter, number, zone),
							after(f, sortField, direction, OrderFilter.Cursor.parse(filter.after()),
									sortField.equals("placedAt"))))
			.sort((f) -> f.field(sortField).order(direction).then().field("key").order(direction))
			.totalHitCountThreshold(OrderPage.COUNT_LIMIT + 1)
			.fetch(filter.size() + 1);
		// a later page counts every match, as the first does
		long matching = (filter.after() == null) ? page.total().hitCountLowerBound()
				: session.search(Order.class)
					.where((f) -> matching(f, caller, filter, number, zone))
					.totalHitCountThreshold(OrderPage.COUNT_LIMIT + 1)
					.fetch(0)
					.total()
					.hitCountLowerBound();
		return new Hits(page.hits(), matching);
	}

	private static PredicateFinalStep matching(SearchPredicateFactory f, Caller caller, OrderFilter filter,
			String number, ZoneId zone) {
		var all = f.and();
		all.add(scope(f, caller));
		if (filter.text() != null) {
			all.add(text(f, filter.text(), number));
		}
		if (filter.status() != null) {
			all.add(f.match().field("status").matching(filter.status()));
		}
		if (filter.channel() != null) {
			all.add(f.match().field("channel").matching(filter.channel()));
		}
		if (filter.from() != null || filter.to() != null) {
			// from the first day's start to the last day's end; either may be open
			all.add(f.range()
				.field("placedAt")
				.within(Range.canonical((filter.from() != null) ? filter.from().atStartOfDay(zone).toInstant() : null,
						(filter.to() != null) ? filter.to().plusDays(1).atStartOfDay(zone).toInstant() : null)));
		}
		return all;
	}

	/**
	 * The cursor of the page that ends with this order, in the index's terms: times are
	 * indexed to the millisecond.
	 */
	static OrderFilter.Cursor cursor(OrderFilter.Sort sort, UUID id, Instant placedAt, BigDecimal grandTotal) {
		return new OrderFilter.Cursor((sort == OrderFilter.Sort.NEWEST || sort == OrderFilter.Sort.OLDEST)
				? Instant.ofEpochMilli(placedAt.toEpochMilli()).toString() : grandTotal.toPlainString(), id);
	}

	private static PredicateFinalStep scope(SearchPredicateFactory f, Caller caller) {
		if (caller.organisation() == null) {
			return f.match().field("accountId").matching(caller.account());
		}
		return f.or(f.match().field("organisationId").matching(caller.organisation()),
				f.match().field("accountId").matching(caller.account()));
	}

	/**
	 * An order's numbers exactly, a SKU's beginning, or every word of the text in the
	 * product names: each within a typo or two (by length), or as the beginning of a word
	 * for someone still typing.
	 */
	private static PredicateFinalStep text(SearchPredicateFactory f, String text, String number) {
		var any = f.or();
		any.add(f.match().field("number").matching(number));
		any.add(f.match().fields("purchaseOrder", "externalReference").matching(text));
		any.add(f.prefix().field("lines.sku").matching(text.toLowerCase(Locale.ROOT)));
		List<String> words = words(text);
		if (!words.isEmpty()) {
			var every = f.and();
			for (String word : words) {
				var either = f.or();
				either.add(f.match().field("lines.name").matching(word).fuzzy(typos(word), 1));
				if (word.length() >= 2) {
					either.add(f.prefix().field("lines.name").matching(word));
				}
				every.add(either);
			}
			any.add(every);
		}
		return any;
	}

	private static PredicateFinalStep after(SearchPredicateFactory f, String field, SortOrder direction,
			OrderFilter.Cursor cursor, boolean time) {
		Object value = time ? Instant.parse(cursor.value()) : new BigDecimal(cursor.value());
		UUID id = cursor.id();
		var beyond = (direction == SortOrder.DESC) ? f.range().field(field).lessThan(value)
				: f.range().field(field).greaterThan(value);
		var tie = f.and(f.match().field(field).matching(value), (direction == SortOrder.DESC)
				? f.range().field("key").lessThan(id) : f.range().field("key").greaterThan(id));
		return f.or(beyond, tie);
	}

	/**
	 * The words of the text as the index holds them: lower case, accents folded.
	 */
	private static List<String> words(String text) {
		List<String> words = new ArrayList<>();
		Matcher matcher = WORD
			.matcher(Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT));
		while (matcher.find() && words.size() < 10) {
			words.add(matcher.group());
		}
		return words;
	}

	private static int typos(String word) {
		return (word.length() < 4) ? 0 : (word.length() < 7) ? 1 : 2;
	}

	record Hits(List<UUID> ids, long matching) {

	}

	/**
	 * The index's analysis: product names as words, SKUs as one lower-case term, both
	 * with accents folded ("Küchenmesser" is found as "kuchenmesser").
	 */
	@Component("orderSearchAnalysis")
	static class Analysis implements LuceneAnalysisConfigurer {

		@Override
		public void configure(LuceneAnalysisConfigurationContext context) {
			context.analyzer(WORDS).custom().tokenizer("standard").tokenFilter("lowercase").tokenFilter("asciiFolding");
			context.normalizer(FOLDED).custom().tokenFilter("lowercase").tokenFilter("asciiFolding");
		}

	}

}
