package io.concierge.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount in a currency, kept at that currency's minor units (two for EUR, none for
 * JPY).
 *
 * @param amount the amount, never rounded silently
 * @param currency the ISO 4217 currency
 */
public record Money(BigDecimal amount, Currency currency) {

	public Money {
		Objects.requireNonNull(amount, "amount");
		Objects.requireNonNull(currency, "currency");
		int minorUnits = Math.max(currency.getDefaultFractionDigits(), 0);
		if (amount.stripTrailingZeros().scale() > minorUnits) {
			throw new IllegalArgumentException(
					amount + " has more decimals than " + currency.getCurrencyCode() + " allows (" + minorUnits + ")");
		}
		amount = amount.setScale(minorUnits, RoundingMode.UNNECESSARY);
	}

	public static Money of(String amount, String currencyCode) {
		return new Money(new BigDecimal(amount), Currency.getInstance(currencyCode));
	}

	public static Money zero(Currency currency) {
		return new Money(BigDecimal.ZERO, currency);
	}

	public Money plus(Money other) {
		requireSameCurrency(other);
		return new Money(this.amount.add(other.amount), this.currency);
	}

	public Money times(int quantity) {
		return new Money(this.amount.multiply(BigDecimal.valueOf(quantity)), this.currency);
	}

	public boolean isNegative() {
		return this.amount.signum() < 0;
	}

	private void requireSameCurrency(Money other) {
		if (!this.currency.equals(other.currency)) {
			throw new IllegalArgumentException(
					"Cannot add " + other.currency.getCurrencyCode() + " to " + this.currency.getCurrencyCode());
		}
	}

	@Override
	public String toString() {
		return this.amount.toPlainString() + " " + this.currency.getCurrencyCode();
	}

}
