package io.concierge.billing.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.billing.Billing;
import io.concierge.billing.Billing.Filter;
import io.concierge.billing.Billing.Status;
import io.concierge.billing.BillingEvents.InvoiceResent;
import io.concierge.billing.BillingSettings;
import io.concierge.billing.InvalidPayment;
import io.concierge.billing.Invoice;
import io.concierge.billing.InvoiceArchives;
import io.concierge.billing.InvoiceDocuments;
import io.concierge.billing.InvoicePdfs;
import io.concierge.billing.Payments;
import io.concierge.documents.Documents;
import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.shared.NotFound;

/**
 * The customer's invoices and credit notes: the list with its filters, each one with its
 * downloads and what was paid, paying it, and the statement of account.
 */
@Controller
class BillingController {

	private final Billing billing;

	private final Payments payments;

	private final InvoicePdfs pdfs;

	private final InvoiceDocuments documents;

	private final Documents store;

	private final Callers callers;

	private final BillingSettings settings;

	private final ApplicationEventPublisher events;

	private final MessageSource messages;

	private final Clock clock;

	private final InvoiceArchives archives;

	BillingController(InvoiceArchives archives, Billing billing, Payments payments, InvoicePdfs pdfs,
			InvoiceDocuments documents, Documents store, Callers callers, BillingSettings settings,
			ApplicationEventPublisher events, MessageSource messages, Clock clock) {
		this.billing = billing;
		this.payments = payments;
		this.pdfs = pdfs;
		this.documents = documents;
		this.store = store;
		this.callers = callers;
		this.settings = settings;
		this.events = events;
		this.messages = messages;
		this.clock = clock;
		this.archives = archives;
	}

	@GetMapping("/billing")
	String list(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String status, @RequestParam(required = false) String order,
			@RequestParam(required = false) String min, @RequestParam(required = false) String max,
			@RequestParam(defaultValue = "0") int page, Principal principal, HttpServletRequest request, Model model) {
		Caller caller = caller(principal);
		List<String> invalid = new ArrayList<>();
		Filter filter = new Filter(date(from, "from", invalid), date(to, "to", invalid), status(status, invalid), order,
				amount(min, "min", invalid), amount(max, "max", invalid), Math.max(page, 0));
		model.addAttribute("page", this.billing.list(caller, filter));
		model.addAttribute("filter", filter);
		model.addAttribute("search", new Search(from, to, status, order, min, max));
		model.addAttribute("invalid", invalid);
		model.addAttribute("statuses", Status.values());
		return "true".equals(request.getHeader("HX-Request")) ? "billing/list :: results" : "billing/list";
	}

	/**
	 * The account's terms and what is open by age, loaded after the list (it reads every
	 * open invoice).
	 */
	@GetMapping("/billing/account")
	String account(Principal principal, Model model) {
		Caller caller = caller(principal);
		model.addAttribute("account", this.billing.account(caller, this.settings.paymentDays()));
		model.addAttribute("company", caller.organisation() != null);
		return "billing/list :: account";
	}

	/**
	 * The filters as typed, to show them again.
	 */
	record Search(@Nullable String from, @Nullable String to, @Nullable String status, @Nullable String order,
			@Nullable String min, @Nullable String max) {

	}

	/**
	 * An order's invoices and credit notes with what was paid and refunded, for its page.
	 */
	@GetMapping("/billing/orders/{number}")
	String order(@PathVariable String number, Principal principal, Model model) {
		model.addAttribute("documents", this.billing.ofOrder(caller(principal), number));
		return "billing/order :: documents";
	}

	@GetMapping("/billing/{number}")
	String invoice(@PathVariable String number, @RequestParam(required = false) UUID payment, Principal principal,
			Model model) {
		Caller caller = caller(principal);
		Billing.Details details = this.billing.details(caller, number)
			.orElseThrow(() -> new NotFound("invoice " + number));
		model.addAttribute("details", details);
		model.addAttribute("invoice", details.invoice());
		model.addAttribute("f", new InvoiceDocuments.Formats(details.invoice().currency(),
				org.springframework.context.i18n.LocaleContextHolder.getLocale()));
		if (payment != null) {
			model.addAttribute("payment", this.payments.payment(caller, number, payment).orElse(null));
		}
		return "billing/invoice";
	}

	/**
	 * The state of a payment the customer came back from, polled by the page until it is
	 * settled.
	 */
	@GetMapping("/billing/{number}/payments/{payment}")
	String payment(@PathVariable String number, @PathVariable UUID payment, Principal principal,
			jakarta.servlet.http.HttpServletResponse response, Model model) {
		Billing.PaymentView found = this.payments.payment(caller(principal), number, payment)
			.orElseThrow(() -> new NotFound("payment " + payment));
		if (!"PENDING".equals(found.status())) {
			// settled: the whole page again, with what is open now
			response.setHeader("HX-Refresh", "true");
		}
		model.addAttribute("number", number);
		model.addAttribute("payment", found);
		return "billing/invoice :: payment";
	}

	@PostMapping("/billing/{number}/pay")
	String pay(@PathVariable String number, Principal principal, HttpServletRequest request,
			RedirectAttributes redirect) {
		try {
			Payments.Started started = this.payments.start(caller(principal), number, null, null, principal.getName(),
					request.getRemoteAddr(), portal(request) + "/billing/" + number);
			return "redirect:" + started.checkoutUrl();
		}
		catch (InvalidPayment ex) {
			redirect.addFlashAttribute("refused",
					this.messages.getMessage(ex.messageKey(), ex.arguments(), request.getLocale()));
			return "redirect:/billing/" + number;
		}
	}

	@PostMapping("/billing/{number}/resend")
	String resend(@PathVariable String number, Principal principal, RedirectAttributes redirect) {
		Caller caller = caller(principal);
		Billing.Summary summary = this.billing.summary(caller, number)
			.orElseThrow(() -> new NotFound("invoice " + number));
		this.events.publishEvent(new InvoiceResent(summary.number(), summary.orderNumber(), caller.account(), null,
				this.clock.instant()));
		redirect.addFlashAttribute("resent", principal.getName());
		return "redirect:/billing/" + number;
	}

	@GetMapping("/billing/{number}/pdf")
	ResponseEntity<Resource> pdf(@PathVariable String number, Principal principal) {
		Billing.Summary summary = this.billing.summary(caller(principal), number)
			.orElseThrow(() -> new NotFound("invoice " + number));
		UUID document = this.pdfs.pdf(summary.id());
		Documents.Opened opened = this.store.openGenerated(document, principal.getName(), "downloaded " + number);
		return download(opened.content(), number + ".pdf", MediaType.APPLICATION_PDF);
	}

	@GetMapping("/billing/{number}/xml")
	ResponseEntity<byte[]> xml(@PathVariable String number, Principal principal) {
		Invoice invoice = details(principal, number).invoice();
		return download(this.documents.cii(invoice), number + "-factur-x.xml", MediaType.APPLICATION_XML);
	}

	@GetMapping("/billing/{number}/xrechnung")
	ResponseEntity<byte[]> xrechnung(@PathVariable String number, Principal principal) {
		Invoice invoice = details(principal, number).invoice();
		return download(this.documents.xrechnung(invoice), number + "-xrechnung.xml", MediaType.APPLICATION_XML);
	}

	@PostMapping("/billing/archives")
	String archive(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			Principal principal, HttpServletRequest request, RedirectAttributes redirect) {
		List<String> invalid = new ArrayList<>();
		LocalDate first = date(from, "from", invalid);
		LocalDate last = date(to, "to", invalid);
		if (first == null || last == null) {
			redirect.addFlashAttribute("refused",
					this.messages.getMessage("billing.error.archive.dates", null, request.getLocale()));
			return "redirect:/billing";
		}
		try {
			InvoiceArchives.Archive archive = this.archives.start(caller(principal), first, last, principal.getName());
			return "redirect:/billing/archives/" + archive.id();
		}
		catch (InvalidPayment ex) {
			redirect.addFlashAttribute("refused",
					this.messages.getMessage(ex.messageKey(), ex.arguments(), request.getLocale()));
			return "redirect:/billing";
		}
	}

	@GetMapping("/billing/archives/{id}")
	String archive(@PathVariable UUID id, Principal principal, HttpServletRequest request, Model model) {
		model.addAttribute("archive",
				this.archives.find(caller(principal), id).orElseThrow(() -> new NotFound("archive " + id)));
		return "true".equals(request.getHeader("HX-Request")) ? "billing/archive :: progress" : "billing/archive";
	}

	@GetMapping("/billing/archives/{id}/zip")
	ResponseEntity<StreamingResponseBody> archiveZip(@PathVariable UUID id, Principal principal) {
		Caller caller = caller(principal);
		InvoiceArchives.Archive archive = this.archives.find(caller, id)
			.filter((found) -> found.status().equals("READY"))
			.orElseThrow(() -> new NotFound("archive " + id));
		StreamingResponseBody body = (out) -> this.archives.write(caller, id, principal.getName(), out);
		return download(body, "invoices-" + archive.from() + "-" + archive.to() + ".zip",
				MediaType.parseMediaType("application/zip"));
	}

	@GetMapping("/billing/statement")
	String statement(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			Principal principal, Model model) {
		List<String> invalid = new ArrayList<>();
		model.addAttribute("statement",
				this.billing.statement(caller(principal), date(from, "from", invalid), date(to, "to", invalid)));
		model.addAttribute("search", new Search(from, to, null, null, null, null));
		model.addAttribute("invalid", invalid);
		return "billing/statement";
	}

	@GetMapping(path = "/billing/statement.csv")
	ResponseEntity<byte[]> statementCsv(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to, Principal principal, Locale locale) throws IOException {
		List<String> invalid = new ArrayList<>();
		Billing.Statement statement = this.billing.statement(caller(principal), date(from, "from", invalid),
				date(to, "to", invalid));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (CsvWriter csv = CsvWriter.builder()
			.lineDelimiter(LineDelimiter.CRLF)
			.build(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
			csv.writeRecord("date", "kind", "number", "order", "currency", "amount", "balance");
			statement.opening()
				.forEach((currency, balance) -> csv.writeRecord(
						(statement.from() != null) ? statement.from().toString() : "", "OPENING_BALANCE", "", "",
						currency, "", balance.stripTrailingZeros().toPlainString()));
			for (Billing.Entry entry : statement.entries()) {
				csv.writeRecord(entry.at().toString(), entry.kind(), entry.number(), entry.orderNumber(),
						entry.currency(), entry.amount().stripTrailingZeros().toPlainString(),
						entry.balance().stripTrailingZeros().toPlainString());
			}
		}
		return download(out.toByteArray(), "statement.csv", MediaType.parseMediaType("text/csv; charset=UTF-8"));
	}

	@GetMapping("/billing/statement.pdf")
	ResponseEntity<byte[]> statementPdf(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to, Principal principal, Locale locale) {
		List<String> invalid = new ArrayList<>();
		Billing.Statement statement = this.billing.statement(caller(principal), date(from, "from", invalid),
				date(to, "to", invalid));
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), java.time.ZoneOffset.UTC);
		return download(this.documents.statementPdf(statement, principal.getName(), today, locale),
				"statement-" + today + ".pdf", MediaType.APPLICATION_PDF);
	}

	private Billing.Details details(Principal principal, String number) {
		return this.billing.details(caller(principal), number).orElseThrow(() -> new NotFound("invoice " + number));
	}

	private Caller caller(Principal principal) {
		return this.callers.of(principal);
	}

	private static <T> ResponseEntity<T> download(T body, String name, MediaType type) {
		return ResponseEntity.ok()
			.contentType(type)
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
			.body(body);
	}

	private static String portal(HttpServletRequest request) {
		return request.getScheme() + "://" + request.getServerName()
				+ ((request.getServerPort() == 80 || request.getServerPort() == 443) ? ""
						: ":" + request.getServerPort());
	}

	static @Nullable LocalDate date(@Nullable String value, String field, List<String> invalid) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			invalid.add(field);
			return null;
		}
	}

	static @Nullable BigDecimal amount(@Nullable String value, String field, List<String> invalid) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return new BigDecimal(value.strip().replace(',', '.'));
		}
		catch (NumberFormatException ex) {
			invalid.add(field);
			return null;
		}
	}

	static @Nullable Status status(@Nullable String value, List<String> invalid) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Status.valueOf(value);
		}
		catch (IllegalArgumentException ex) {
			invalid.add("status");
			return null;
		}
	}

}
