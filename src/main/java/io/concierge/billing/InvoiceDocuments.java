package io.concierge.billing;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;

import com.openhtmltopdf.bidi.support.ICUBidiReorderer;
import com.openhtmltopdf.bidi.support.ICUBidiSplitter;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder.PdfAConformance;
import org.mustangproject.ZUGFeRD.IZUGFeRDExporter;
import org.mustangproject.ZUGFeRD.Profiles;
import org.mustangproject.ZUGFeRD.ZUGFeRDExporterFromPDFA;
import org.thymeleaf.TemplateSpec;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import io.concierge.billing.Invoice.TaxCategory;

/**
 * An invoice as its buyer's software reads it: a PDF/A-3 (fonts embedded for Latin,
 * Greek, Cyrillic, Arabic and CJK) with its EN 16931 XML inside (Factur-X / ZUGFeRD,
 * profile EN 16931), the XML alone (UN/CEFACT CII), and XRechnung in UBL for public
 * buyers. All from the issued invoice's own amounts.
 */
@Component
public class InvoiceDocuments {

	private static final Set<String> GERMAN = Set.of("DE", "AT", "CH", "LI", "LU");

	/** A numeric character reference, hexadecimal or decimal. */
	private static final java.util.regex.Pattern REFERENCE = java.util.regex.Pattern
		.compile("&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));");

	private static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

	private static final byte[] SANS = font("DejaVuSans.ttf");

	private static final byte[] SANS_BOLD = font("DejaVuSans-Bold.ttf");

	private static final byte[] CJK = font("DroidSansFallbackFull.ttf");

	private final SpringTemplateEngine templates = new SpringTemplateEngine();

	private final BillingSettings settings;

	private final MessageSource messages;

	InvoiceDocuments(BillingSettings settings, MessageSource messages) {
		this.settings = settings;
		this.messages = messages;
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("templates/billing/documents/");
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCacheable(true);
		this.templates.setTemplateResolver(resolver);
		this.templates.setTemplateEngineMessageSource(messages);
	}

	/**
	 * The language an invoice is printed in: German for buyers in German-speaking
	 * countries, English for the others.
	 */
	public static Locale locale(String country) {
		return GERMAN.contains(country) ? Locale.GERMAN : Locale.ENGLISH;
	}

	/**
	 * The PDF/A-3b with the CII XML embedded as {@code factur-x.xml}.
	 */
	public byte[] pdf(Invoice invoice) {
		ByteArrayOutputStream rendered = render(render(invoice, "invoice.xhtml"));
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream(rendered.size() + 16 * 1024);
			try (IZUGFeRDExporter exporter = new ZUGFeRDExporterFromPDFA().load(rendered.toByteArray())) {
				exporter.setProducer("Concierge")
					.setCreator(this.settings.seller().name())
					.setZUGFeRDVersion(2)
					.setProfile(Profiles.getByName("EN16931"));
				exporter.setXML(cii(invoice));
				exporter.export(out);
			}
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Invoice " + invoice.number() + " cannot be rendered", ex);
		}
	}

	/**
	 * A statement of account as a PDF/A-3b, in the reader's language.
	 * @param holder whose account it is, as printed
	 */
	public byte[] statementPdf(Billing.Statement statement, String holder, LocalDate today, Locale locale) {
		Context context = new Context(locale);
		context.setVariable("statement", statement);
		context.setVariable("holder", holder);
		context.setVariable("seller", this.settings.seller());
		context.setVariable("today", today);
		context.setVariable("f", new Formats("EUR", locale));
		return render(this.templates.process(new TemplateSpec("statement.xhtml", TemplateMode.XML), context))
			.toByteArray();
	}

	private ByteArrayOutputStream render(String xhtml) {
		ByteArrayOutputStream rendered = new ByteArrayOutputStream(64 * 1024);
		PdfRendererBuilder builder = new PdfRendererBuilder();
		builder.useFastMode();
		builder.usePdfAConformance(PdfAConformance.PDFA_3_B);
		builder.useColorProfile(SRGB);
		builder.useFont(() -> new ByteArrayInputStream(SANS), "DejaVu Sans", 400, FontStyle.NORMAL, true);
		builder.useFont(() -> new ByteArrayInputStream(SANS_BOLD), "DejaVu Sans", 700, FontStyle.NORMAL, true);
		if (needsCjk(xhtml)) {
			// 4 MB to read: only for the documents that print Chinese, Japanese or Korean
			builder.useFont(() -> new ByteArrayInputStream(CJK), "Droid Sans Fallback", 400, FontStyle.NORMAL, true);
		}
		builder.useUnicodeBidiSplitter(new ICUBidiSplitter.ICUBidiSplitterFactory());
		builder.useUnicodeBidiReorderer(new ICUBidiReorderer());
		builder.withProducer("Concierge");
		builder.withHtmlContent(xhtml, null);
		builder.toStream(rendered);
		try {
			builder.run();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("A PDF cannot be rendered", ex);
		}
		return rendered;
	}

	/**
	 * The EN 16931 XML in UN/CEFACT CII syntax, as embedded in the PDF.
	 */
	public byte[] cii(Invoice invoice) {
		return render(invoice, "cii.xml").getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * XRechnung 3.0 in UBL syntax, for public-sector buyers.
	 */
	public byte[] xrechnung(Invoice invoice) {
		return render(invoice, "xrechnung.xml").getBytes(StandardCharsets.UTF_8);
	}

	private String render(Invoice invoice, String template) {
		Locale locale = locale(invoice.buyer().country());
		Context context = new Context(locale);
		context.setVariable("invoice", invoice);
		context.setVariable("seller", this.settings.seller());
		context.setVariable("f", new Formats(invoice.currency(), locale));
		context.setVariable("note", (invoice.taxNote() != null) ? invoice.taxNote() : "");
		return this.templates.process(new TemplateSpec(template, TemplateMode.XML), context);
	}

	/**
	 * The words of a tax category's note, in the language of the buyer's country.
	 */
	String note(TaxCategory category, String country) {
		return this.messages.getMessage("billing.note." + category, null, locale(country));
	}

	String label(String key, String country, Object... arguments) {
		return this.messages.getMessage(key, arguments, locale(country));
	}

	/**
	 * How the templates write amounts, rates and dates.
	 */
	public record Formats(String currency, Locale locale) {

		/** An amount for XML: plain, at the currency's minor units. */
		public String amount(BigDecimal amount) {
			int scale = Math.max(Currency.getInstance(this.currency).getDefaultFractionDigits(), 0);
			return amount.setScale(scale, RoundingMode.HALF_UP).toPlainString();
		}

		/** A unit price for XML, up to four decimals. */
		public String price(BigDecimal price) {
			return price.setScale(Math.max(price.stripTrailingZeros().scale(), 2), RoundingMode.HALF_UP)
				.toPlainString();
		}

		public String rate(BigDecimal rate) {
			return rate.setScale(2, RoundingMode.HALF_UP).toPlainString();
		}

		/** A date as CII's format 102. */
		public String day(LocalDate date) {
			return DateTimeFormatter.BASIC_ISO_DATE.format(date);
		}

		public String day(java.time.Instant instant) {
			return day(LocalDate.ofInstant(instant, ZoneOffset.UTC));
		}

		public String iso(java.time.Instant instant) {
			return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
		}

		/** An amount for people, with its currency, in the invoice's language. */
		public String money(BigDecimal amount) {
			NumberFormat format = NumberFormat.getCurrencyInstance(this.locale);
			format.setCurrency(Currency.getInstance(this.currency));
			return format.format(amount);
		}

		/** An amount in another currency than the document's, for people. */
		public String money(String currency, BigDecimal amount) {
			return new Formats(currency, this.locale).money(amount);
		}

		public String number(BigDecimal value) {
			NumberFormat format = NumberFormat.getNumberInstance(this.locale);
			format.setMaximumFractionDigits(4);
			return format.format(value);
		}

		public String date(LocalDate date) {
			return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(this.locale).format(date);
		}

		public String date(java.time.Instant instant) {
			return date(LocalDate.ofInstant(instant, ZoneOffset.UTC));
		}

	}

	/**
	 * Whether the XHTML prints Chinese, Japanese or Korean, written as characters or as
	 * the numeric references Thymeleaf writes them as.
	 */
	static boolean needsCjk(String xhtml) {
		java.util.regex.Matcher references = REFERENCE.matcher(xhtml);
		while (references.find()) {
			int codePoint = (references.group(1) != null) ? Integer.parseInt(references.group(1), 16)
					: Integer.parseInt(references.group(2));
			if (cjk(codePoint)) {
				return true;
			}
		}
		return xhtml.codePoints().anyMatch(InvoiceDocuments::cjk);
	}

	private static boolean cjk(int codePoint) {
		Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
		return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
				|| script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
				|| script == Character.UnicodeScript.BOPOMOFO;
	}

	private static byte[] font(String name) {
		try (InputStream in = InvoiceDocuments.class.getResourceAsStream("/fonts/" + name)) {
			if (in == null) {
				throw new IllegalStateException("The font " + name + " is missing from the application");
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
