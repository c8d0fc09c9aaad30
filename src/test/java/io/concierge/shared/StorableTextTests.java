package io.concierge.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StorableTextTests {

	@Test
	void findsNulCharactersAndUnpairedSurrogates() {
		assertThat(StorableText.problem("Grüße 👋")).isNull();
		assertThat(StorableText.problem("a\u0000b")).contains("NUL").contains("position 2");
		assertThat(StorableText.problem("x\ud800")).contains("\\ud800").contains("position 2");
		assertThat(StorableText.problem("\udc00y")).contains("\\udc00");
	}

	@Test
	void replacesWhatCannotBeStoredAndKeepsTheRest() {
		assertThat(StorableText.printable("a\u0000b\ud800c👋")).isEqualTo("a\uFFFDb\uFFFDc👋");
		assertThat(StorableText.printable("plain")).isEqualTo("plain");
	}

}
