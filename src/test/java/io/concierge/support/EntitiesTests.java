package io.concierge.support;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class EntitiesTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 3, 15);

	@ParameterizedTest
	@ValueSource(strings = { "where is C-100234", "where is c-100234?", "where is c100234", "where is C 100234",
			"where is #100234", "where is order 100234", "wo ist Bestellung 100234", "100234", "(100234)",
			"Bestellnr.: 100234." })
	void readsAnOrderNumberHoweverItIsTyped(String text) {
		assertThat(Entities.in(text, TODAY).orderNumbers()).containsExactly("C-100234");
	}

	@Test
	void readsOrderNumbersOfFiveToNineDigitsInTheOrderMentionedAndOnce() {
		assertThat(Entities.in("orders 12345, C-123456789 and #12345 again", TODAY).orderNumbers())
			.containsExactly("C-12345", "C-123456789");
	}

	@ParameterizedTest
	@ValueSource(strings = { "ordered in 2026", "1234", "1234567890", "PLZ 80331", "plz: 80331", "postcode 12345",
			"zip code 90210", "Postleitzahl 10115", "call me on +49 170123456", "phone 030123456", "it cost 12999 EUR",
			"abc100234", "version 100234.5" })
	void ignoresNumbersThatAreSomethingElse(String text) {
		assertThat(Entities.in(text, TODAY).orderNumbers()).isEmpty();
	}

	@Test
	void readsInvoiceNumbersInUpperCaseWithoutTakingThemForOrders() {
		Entities entities = Entities.in("invoice re-2026-000123 and RE-2025-004567 for C-100234", TODAY);

		assertThat(entities.invoiceNumbers()).containsExactly("RE-2026-000123", "RE-2025-004567");
		assertThat(entities.orderNumbers()).containsExactly("C-100234");
		assertThat(entities.dates()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "RE-26-000123", "RE-2026-00123", "RE-2026-0001234", "2026-000123", "XRE2026000123" })
	void ignoresWhatOnlyLooksLikeAnInvoiceNumber(String text) {
		assertThat(Entities.in(text, TODAY).invoiceNumbers()).isEmpty();
	}

	@Test
	void readsIsoGermanAndEnglishDates() {
		assertThat(Entities.in("bis 2026-12-24 bitte", TODAY).dates()).containsExactly(LocalDate.of(2026, 12, 24));
		assertThat(Entities.in("vor dem 24.12.2026", TODAY).dates()).containsExactly(LocalDate.of(2026, 12, 24));
		assertThat(Entities.in("am 1.7.26", TODAY).dates()).containsExactly(LocalDate.of(2026, 7, 1));
		assertThat(Entities.in("by 24/12/2026", TODAY).dates()).containsExactly(LocalDate.of(2026, 12, 24));
	}

	@Test
	void readsAGermanDateWithoutYearAsTheComingOneUnlessItWasInTheLastTwoMonths() {
		assertThat(Entities.in("ist es vor dem 24.12. da", TODAY).dates()).containsExactly(LocalDate.of(2026, 12, 24));
		assertThat(Entities.in("kommt es bis 02.01.?", LocalDate.of(2026, 12, 28)).dates())
			.containsExactly(LocalDate.of(2027, 1, 2));
		assertThat(Entities.in("bestellt am 28.12.", LocalDate.of(2027, 1, 3)).dates())
			.containsExactly(LocalDate.of(2026, 12, 28));
	}

	@Test
	void readsDaysRelativeToToday() {
		assertThat(Entities.in("ordered yesterday, arrives today or tomorrow?", TODAY).dates())
			.containsExactly(TODAY.minusDays(1), TODAY, TODAY.plusDays(1));
		assertThat(Entities.in("Gestern bestellt, kommt es heute oder morgen?", TODAY).dates())
			.containsExactly(TODAY.minusDays(1), TODAY, TODAY.plusDays(1));
		assertThat(Entities.in("übermorgen wäre gut", TODAY).dates()).containsExactly(TODAY.plusDays(2));
	}

	@ParameterizedTest
	@ValueSource(strings = { "Guten Morgen", "schönen guten Morgen", "todays deals", "morgens nicht da", "31.02.2026",
			"2026-13-01", "32/01/2026", "version 1.2.3", "12345", "RE-2026-000123" })
	void ignoresWhatIsNotADate(String text) {
		assertThat(Entities.in(text, TODAY).dates()).isEmpty();
	}

	@Test
	void readsHeuteMorgenAsTodayOnly() {
		assertThat(Entities.in("heute Morgen kam nichts", TODAY).dates()).containsExactly(TODAY);
	}

	@Test
	void keepsDatesApartFromOrderNumbers() {
		Entities entities = Entities.in("Bestellung 100234 vom 2026-03-01, Lieferung bis 20.03.2026", TODAY);

		assertThat(entities.orderNumbers()).containsExactly("C-100234");
		assertThat(entities.dates()).containsExactly(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 20));
	}

	@Test
	void findsNothingInPlainText() {
		assertThat(Entities.in("hello, where is my stuff", TODAY))
			.isEqualTo(new Entities(List.of(), List.of(), List.of()));
	}

}
