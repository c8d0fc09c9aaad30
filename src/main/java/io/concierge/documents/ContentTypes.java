package io.concierge.documents;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.tika.Tika;
import org.jspecify.annotations.Nullable;

/**
 * What a file is, told from its bytes (Apache Tika), never from its name or the type the
 * browser claims, and whether Concierge keeps such files.
 */
final class ContentTypes {

	private static final Tika TIKA = new Tika();

	/** The types kept, each with what a customer calls it. */
	static final Map<String, String> ALLOWED = Map.of("application/pdf", "PDF", "image/png", "PNG", "image/jpeg",
			"JPEG", "image/webp", "WebP", "image/heic", "HEIC", "text/plain", "text", "text/csv", "CSV");

	/**
	 * Markup a browser would run, found at the start of a file that claims to be
	 * something else: a PDF or an image that is also a web page.
	 */
	private static final Pattern MARKUP = Pattern
		.compile("<\\s*(html|script|body|iframe|svg|!doctype\\s+html)\\b|javascript:", Pattern.CASE_INSENSITIVE);

	private static final Pattern UNSAFE_NAME = Pattern.compile("[\\p{Cntrl}\\\\/:*?\"<>|]");

	private ContentTypes() {
	}

	/**
	 * The file's type, one of {@link #ALLOWED}.
	 * @param name the name it was uploaded with: it tells a CSV from other text, nothing
	 * more
	 * @throws DocumentRefused when it is of another type, or disguised
	 */
	static String detect(byte[] content, @Nullable String name) {
		String type = TIKA.detect(content);
		if (type.equals("text/plain") && name != null && name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
			type = "text/csv";
		}
		if (type.equals("image/heif")) {
			type = "image/heic";
		}
		if (!ALLOWED.containsKey(type)) {
			throw new DocumentRefused("type", type);
		}
		String head = new String(content, 0, Math.min(content.length, 1024), StandardCharsets.ISO_8859_1);
		if (MARKUP.matcher(head).find()) {
			throw new DocumentRefused("disguised", ALLOWED.get(type));
		}
		return type;
	}

	/**
	 * The name to show: the last part of a path, without control characters and those
	 * file systems refuse, at most 200 characters; never used to name a file.
	 */
	static String displayName(@Nullable String name, String type) {
		String shown = (name != null) ? name : "";
		int slash = Math.max(shown.lastIndexOf('/'), shown.lastIndexOf('\\'));
		shown = UNSAFE_NAME.matcher(shown.substring(slash + 1)).replaceAll("_").strip();
		while (shown.startsWith(".")) {
			shown = shown.substring(1);
		}
		if (shown.isBlank()) {
			shown = "document." + extension(type);
		}
		if (shown.length() <= 200) {
			return shown;
		}
		// never half a character: an emoji is two
		return shown.substring(0, Character.isHighSurrogate(shown.charAt(199)) ? 199 : 200);
	}

	/**
	 * The name to download a file under: its shown name with the extension of the type
	 * found in its bytes, so that what opens it is chosen by what it is, not by what its
	 * uploader called it (a text file named {@code page.html} downloads as
	 * {@code page.txt}). A name whose extension already fits its type is kept.
	 */
	static String downloadName(String name, String type) {
		int dot = name.lastIndexOf('.');
		String extension = (dot > 0) ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
		if (extensions(type).contains(extension)) {
			return name;
		}
		return ((dot > 0) ? name.substring(0, dot) : name) + "." + extension(type);
	}

	/** The extensions files of the type go by. */
	private static java.util.Set<String> extensions(String type) {
		return switch (type) {
			case "image/jpeg" -> java.util.Set.of("jpg", "jpeg");
			case "image/heic" -> java.util.Set.of("heic", "heif");
			case "text/plain" -> java.util.Set.of("txt", "text");
			default -> java.util.Set.of(extension(type));
		};
	}

	static String extension(String type) {
		return switch (type) {
			case "application/pdf" -> "pdf";
			case "image/png" -> "png";
			case "image/jpeg" -> "jpg";
			case "image/webp" -> "webp";
			case "image/heic" -> "heic";
			case "text/csv" -> "csv";
			default -> "txt";
		};
	}

}
