package io.concierge.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EmailAddressTests {

	@Test
	void normalisesCaseAndSpaceSoOnePersonHasOneAddress() {
		assertThat(EmailAddress.of("  Alex.Morgan@Example.COM ")).isEqualTo(EmailAddress.of("alex.morgan@example.com"));
		assertThat(EmailAddress.of("jana@nordwind.example").domain()).isEqualTo("nordwind.example");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "alex", "alex@", "@example.com", "alex@example", "a b@example.com", "a@b@c.de" })
	void refusesWhatIsNoEmailAddress(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> EmailAddress.of(text));
	}

}
