package io.concierge.notifications.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LinkedTextTests {

	@Test
	void cutsTextIntoPlainPiecesAndLinks() {
		assertThat(LinkedText.of("Open http://localhost:8080/verify?t=abc now.\nThanks")).containsExactly(
				new LinkedText("Open ", false), new LinkedText("http://localhost:8080/verify?t=abc", true),
				new LinkedText(" now.\nThanks", false));
	}

	@Test
	void leavesOtherSchemesAsText() {
		assertThat(LinkedText.of("javascript:alert(1)")).containsExactly(new LinkedText("javascript:alert(1)", false));
	}

}
