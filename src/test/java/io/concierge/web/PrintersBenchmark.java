package io.concierge.web;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.context.i18n.LocaleContextHolder;

import io.concierge.shared.Money;

/**
 * Each cell of an order list prints a total and a date. The profile of a list page found
 * a format made from the locale's data for every cell; here that against the printers,
 * which keep one per language. {@code bench/jmh.sh PrintersBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PrintersBenchmark {

	private static final Locale GERMAN = Locale.GERMAN;

	private final Money total = new Money(new BigDecimal("1234.50"), Currency.getInstance("EUR"));

	private final Instant placed = Instant.parse("2026-11-02T09:15:00Z");

	private final MoneyPrinter money = new MoneyPrinter();

	private final InstantPrinter instant = new InstantPrinter();

	@Benchmark
	public String moneyFormatMadeEachTime() {
		NumberFormat format = NumberFormat.getCurrencyInstance(Locale.GERMANY);
		format.setCurrency(this.total.currency());
		format.setMinimumFractionDigits(2);
		format.setMaximumFractionDigits(2);
		return format.format(this.total.amount());
	}

	@Benchmark
	public String moneyPrinter() {
		return this.money.print(this.total, GERMAN);
	}

	@Benchmark
	public String instantLocalizedStyleEachTime() {
		return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
			.withLocale(GERMAN)
			.withZone(LocaleContextHolder.getTimeZone().toZoneId())
			.format(this.placed);
	}

	@Benchmark
	public String instantPrinter() {
		return this.instant.print(this.placed, GERMAN);
	}

}
