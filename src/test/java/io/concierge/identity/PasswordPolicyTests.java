package io.concierge.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.concierge.shared.EmailAddress;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTests {

	private static final BreachedPasswords BREACHED = new BreachedPasswords();

	private final PasswordPolicy policy = new PasswordPolicy(BREACHED);

	private final EmailAddress email = EmailAddress.of("jana.keller@nordwind.example");

	@Test
	void shipsAListOfAtLeastAHundredThousandKnownPasswords() {
		assertThat(BREACHED.size()).isGreaterThanOrEqualTo(100_000);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "short", "1234567" })
	void refusesFewerThanEightCharacters(String password) {
		assertThat(this.policy.problemWith(password, this.email)).contains(PasswordProblem.TOO_SHORT);
	}

	@Test
	void countsCharactersNotBytesSoAnyScriptAndEmojiWork() {
		assertThat(this.policy.problemWith("🔑🔑🔑🔑🔑🔑🔑", this.email)).contains(PasswordProblem.TOO_SHORT);
		assertThat(this.policy.problemWith("🔑🚪🏠 Schlüssel über Tür", this.email)).isEmpty();
		assertThat(this.policy.problemWith("пароль-для-заказов", this.email)).isEmpty();
	}

	@Test
	void acceptsLongPassphrasesWithoutCompositionRulesUpTo128Characters() {
		assertThat(this.policy.problemWith("correct horse battery staple on a tuesday", this.email)).isEmpty();
		assertThat(this.policy.problemWith("a".repeat(40) + "b".repeat(24), this.email)).isEmpty();
		assertThat(this.policy.problemWith("x1".repeat(64), this.email)).isEmpty();
		assertThat(this.policy.problemWith("x1".repeat(64) + "y", this.email)).contains(PasswordProblem.TOO_LONG);
	}

	@ParameterizedTest
	@ValueSource(strings = { "password", "Password1", "iloveyou", "qwertyuiop", "12345678", "baseball" })
	void refusesKnownBreachedPasswordsInAnyCase(String password) {
		assertThat(this.policy.problemWith(password, this.email)).contains(PasswordProblem.BREACHED);
	}

	@Test
	void refusesTheEmailAddressOrItsLocalPart() {
		assertThat(this.policy.problemWith("Jana.Keller@Nordwind.example", this.email))
			.contains(PasswordProblem.SAME_AS_EMAIL);
		assertThat(this.policy.problemWith("jana.keller", this.email)).contains(PasswordProblem.SAME_AS_EMAIL);
	}

	@ParameterizedTest
	@ValueSource(strings = { "concierge", "Concierge2026!", "CONCIERGE concierge", "c0nc1erg3!!", "2026-Concierge",
			"JanaKeller", "jana keller 1990", "Keller.Jana!", "J4n4K3ll3r", "Jürgen Müller", "juergen1", "MUELLER!!",
			"Nordwind Trading", "nordwindtrading2026", "N0rdw1nd#1", "Nordwind GmbH", "kellerconcierge",
			"nordwind.example" })
	void refusesPasswordsMadeOfContextSpecificWords(String password) {
		assertThat(this.policy.problemWith(password, this.email,
				java.util.List.of("Jana Keller Jürgen Müller", "Nordwind Trading GmbH")))
			.contains(PasswordProblem.CONTEXT_WORDS);
	}

	@Test
	void refusesTheProductsNameWithoutKnowingTheAccountsNames() {
		assertThat(this.policy.problemWith("Concierge123", this.email)).contains(PasswordProblem.CONTEXT_WORDS);
		assertThat(this.policy.problemWith("JanaKeller2026", this.email)).as("the email address's words")
			.contains(PasswordProblem.CONTEXT_WORDS);
	}

	@Test
	void acceptsContextSpecificWordsAmongWordsOfYourOwn() {
		java.util.List<String> names = java.util.List.of("Jana Keller", "Nordwind Trading GmbH");
		assertThat(this.policy.problemWith("jana keller likes blue tea", this.email, names)).isEmpty();
		assertThat(this.policy.problemWith("concierge of the lighthouse", this.email, names)).isEmpty();
		assertThat(this.policy.problemWith("Nordwind2026xq", this.email, names)).isEmpty();
	}

	@Test
	void listsTheContextSpecificWords() {
		assertThat(PasswordPolicy.contextWords(this.email, java.util.Arrays.asList("Jana Keller", null)))
			.containsExactly("concierge", "jana", "keller", "nordwind", "example");
	}

	@Test
	void normalisesComposedAndDecomposedCharactersAlike() {
		assertThat(PasswordPolicy.normalise("Gru\u0308\u00dfe aus Ko\u0308ln"))
			.isEqualTo(PasswordPolicy.normalise("Grüße aus Köln"));
	}

}
