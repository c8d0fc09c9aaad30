package io.concierge.billing;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mustangproject.validator.ZUGFeRDValidator;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.env.MockEnvironment;

import io.concierge.billing.Invoice.Buyer;
import io.concierge.billing.Invoice.Kind;
import io.concierge.billing.Invoice.Line;
import io.concierge.billing.Invoice.TaxCategory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of document Concierge issues, checked by Mustang's validator (veraPDF for
 * PDF/A-3, the EN 16931 schematron for the XML inside) and read back as text.
 */
class InvoiceDocumentsTests {

	static InvoiceDocuments documents;

	@TempDir
	static Path folder;

	@BeforeAll
	static void documents() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		documents = new InvoiceDocuments(settings(), messages);
	}

	static BillingSettings settings() {
		return Binder.get(new MockEnvironment()).bindOrCreate("concierge.billing", BillingSettings.class);
	}

	@Test
	void aStandardRatedInvoiceIsValidFacturXAndPrintsItsBuyerExactly() throws IOException {
		Invoice invoice = invoice(Kind.INVOICE, "Zoë Ødegård 山田", "DE", null, null,
				List.of(line(1, "Cushion", 2, "21.00", "3.99", TaxCategory.S, "19"),
						line(2, "Ψάθινο καπέλο · Шляпа · قبعة", 1, "10.00", "1.90", TaxCategory.S, "19"),
						line(3, "Shipping", 1, "4.90", "0.00", TaxCategory.Z, "0")));

		byte[] pdf = documents.pdf(invoice);

		assertValid(pdf, "standard");
		String text = text(pdf);
		assertThat(text).contains("Zoë Ødegård 山田").contains("Rechnung INV-2026-000042").contains("Ψάθινο καπέλο");
		assertThat(text).contains("Zu zahlen 41,79").contains("قبعة");
	}

	@Test
	void aReverseChargeInvoiceToACompanyInAnotherCountryIsValid() throws IOException {
		Invoice invoice = invoice(Kind.INVOICE, "Atelier Lumière SARL", "FR", "FR12345678901",
				"Reverse charge: the recipient is liable for the VAT (Article 196 of Directive 2006/112/EC).",
				List.of(line(1, "Desk lamp", 3, "120.00", "0.00", TaxCategory.AE, "0")));

		byte[] pdf = documents.pdf(invoice);

		assertValid(pdf, "reverse-charge");
		assertThat(text(pdf)).contains("Reverse charge").contains("FR12345678901").contains("Invoice INV-2026-000042");
	}

	@Test
	void aCreditNoteIsValidAndNamesTheInvoiceItCorrects() throws IOException {
		Invoice invoice = new Invoice(UUID.randomUUID(), Kind.CREDIT_NOTE, "CN-2026-000007", "C-100001", "refund:x",
				"INV-2026-000042", UUID.randomUUID(), null, "WEB_SHOP", Instant.parse("2026-12-03T10:00:00Z"), null,
				LocalDate.parse("2026-12-03"), "GBP",
				new Buyer("Sam Carter", "1 High Street", "SW1A 1AA", "London", "GB", null, "sam@example.com"),
				"C-100001", null, List.of(line(1, "Refund: Cushion", 1, "10.50", "2.10", TaxCategory.S, "20")));

		byte[] pdf = documents.pdf(invoice);

		assertValid(pdf, "credit-note");
		assertThat(text(pdf)).contains("Credit note CN-2026-000007").contains("INV-2026-000042").contains("£12.60");
	}

	@Test
	void xrechnungIsUblWithTheSameAmounts() {
		Invoice invoice = invoice(Kind.INVOICE, "Stadt Musterhausen", "DE", null, null,
				List.of(line(1, "Cushion", 2, "21.00", "3.99", TaxCategory.S, "19")));

		String xml = new String(documents.xrechnung(invoice), java.nio.charset.StandardCharsets.UTF_8);

		assertThat(xml).contains("urn:xeinkauf.de:kosit:xrechnung_3.0")
			.contains("<cbc:PayableAmount currencyID=\"EUR\">24.99</cbc:PayableAmount>")
			.contains("<cbc:BuyerReference>PO-77</cbc:BuyerReference>");
	}

	static void assertValid(byte[] pdf, String name) throws IOException {
		Path file = folder.resolve(name + ".pdf");
		Files.write(file, pdf);
		String report = new ZUGFeRDValidator().validate(file.toString());
		assertThat(report).as(report).contains("status=\"valid\"").doesNotContain("status=\"invalid\"");
	}

	static String text(byte[] pdf) throws IOException {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			return new PDFTextStripper().getText(document);
		}
	}

	static Invoice invoice(Kind kind, String buyer, String country, String vatId, String note, List<Line> lines) {
		return new Invoice(UUID.randomUUID(), kind, "INV-2026-000042", "C-100001", "shipment:x", null,
				UUID.randomUUID(), null, "WEB_SHOP", Instant.parse("2026-12-03T10:00:00Z"),
				LocalDate.parse("2026-12-02"), LocalDate.parse("2026-12-17"), "EUR",
				new Buyer(buyer, "Hauptstraße 5\n2. Stock", "10115", "Berlin", country, vatId, "buyer@example.com"),
				"PO-77", note, lines);
	}

	static Line line(int position, String name, int quantity, String net, String tax, TaxCategory category,
			String rate) {
		BigDecimal amount = new BigDecimal(net);
		return new Line(position, position, "SKU-" + position, name, quantity,
				amount.divide(BigDecimal.valueOf(quantity), 4, java.math.RoundingMode.HALF_UP), BigDecimal.ZERO, amount,
				new BigDecimal(rate), new BigDecimal(tax), category);
	}

}
