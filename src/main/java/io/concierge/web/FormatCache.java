package io.concierge.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Formats made once per language and kept: making one from the locale's data costs more
 * than printing with it. A browser may name any region and variant, so only the first few
 * hundred are kept; the rest are made each time.
 */
final class FormatCache<K, V> {

	private static final int LIMIT = 256;

	private final Map<K, V> made = new ConcurrentHashMap<>();

	private final Function<K, V> maker;

	FormatCache(Function<K, V> maker) {
		this.maker = maker;
	}

	V get(K key) {
		V format = this.made.get(key);
		if (format == null) {
			format = this.maker.apply(key);
			if (this.made.size() < LIMIT) {
				this.made.putIfAbsent(key, format);
			}
		}
		return format;
	}

}
