package io.concierge.documents;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.concierge.shared.StorableText;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever file someone uploads, and whatever they name it, the document store tells its
 * type from its bytes, cleans a photo of what it says beyond the picture, and keeps the
 * result under a name that can be shown, or refuses it with a {@link DocumentRefused}
 * saying why: never another exception, which would be a 500. Runs the committed inputs
 * beside this class as regression tests; {@code JAZZER_FUZZ=1 ./mvnw test
 * -Dtest='UploadFuzzTests#uploads'} fuzzes one for real.
 */
class UploadFuzzTests {

	@FuzzTest(maxDuration = "30s")
	void uploads(byte[] content) {
		String type;
		byte[] kept;
		try {
			type = ContentTypes.detect(content, "upload.csv");
			kept = ImageCleaner.cleaned(content, type);
		}
		catch (DocumentRefused expected) {
			// the refusal every file Concierge does not keep must get
			return;
		}
		assertThat(ContentTypes.ALLOWED).containsKey(type);
		assertThat(kept).isNotEmpty();
		if (type.equals("image/webp")) {
			assertThat(ContentTypes.detect(kept, null)).as("a WebP still a WebP once cleaned").isEqualTo(type);
		}
	}

	@FuzzTest(maxDuration = "30s")
	void fileNames(byte[] raw) {
		String name = new String(raw, StandardCharsets.UTF_8);
		String shown = ContentTypes.displayName(name, "application/pdf");
		assertThat(shown).isNotBlank().doesNotContain("/", "\\", "\u0000").doesNotStartWith(".");
		assertThat(shown.length()).isLessThanOrEqualTo(200);
		assertThat(StorableText.problem(shown)).isNull();
	}

}
