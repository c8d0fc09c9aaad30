package io.concierge.support;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns a short message into sparse features: word unigrams and bigrams, and character
 * trigrams within words so that typos ("retrun") and German compounds
 * ("Rücksendeetikett") still share features with the training text. Umlauts and ß are
 * spelt out the way people type them without a German keyboard, and every number becomes
 * one token: an order number says what kind of question it is, not which one.
 */
final class TextFeatures {

	static final String NUMBER = "0";

	private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

	private static final Pattern DIGIT = Pattern.compile("\\p{N}");

	private static final Pattern COMBINING_MARK = Pattern.compile("\\p{M}+");

	private TextFeatures() {
	}

	/** Feature names with their counts, sorted by name. */
	static Map<String, Double> of(String text) {
		List<String> words = words(text);
		Map<String, Double> features = new TreeMap<>();
		String previous = "^";
		for (String word : words) {
			add(features, "w=" + word);
			add(features, "b=" + previous + "_" + word);
			previous = word;
			if (!word.equals(NUMBER)) {
				String padded = "<" + word + ">";
				for (int i = 0; i + 3 <= padded.length(); i++) {
					add(features, "c=" + padded.substring(i, i + 3));
				}
			}
		}
		if (!words.isEmpty()) {
			add(features, "b=" + previous + "_$");
		}
		return features;
	}

	static List<String> words(String text) {
		String spelt = Normalizer.normalize(text, Normalizer.Form.NFC)
			.toLowerCase(Locale.ROOT)
			.replace("ä", "ae")
			.replace("ö", "oe")
			.replace("ü", "ue")
			.replace("ß", "ss");
		String plain = COMBINING_MARK.matcher(Normalizer.normalize(spelt, Normalizer.Form.NFD)).replaceAll("");
		return NOT_A_WORD.splitAsStream(plain)
			.filter((word) -> !word.isEmpty())
			.map((word) -> DIGIT.matcher(word).find() ? NUMBER : word)
			.toList();
	}

	private static void add(Map<String, Double> features, String name) {
		features.merge(name, 1.0, Double::sum);
	}

}
