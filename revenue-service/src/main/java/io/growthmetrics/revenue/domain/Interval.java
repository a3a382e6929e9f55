package io.growthmetrics.revenue.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * A recurring price's billing interval, and how an amount per billing period becomes an amount per month:
 * month ÷ interval_count; year ÷ (12 × interval_count); week × 52/12 ÷ interval_count; day × 365/12 ÷ interval_count.
 * (Stripe documents the month and year factors; 52/12 and 365/12 are our choice for weeks and days.)
 */
public enum Interval {
    DAY(365, 12), WEEK(52, 12), MONTH(1, 1), YEAR(1, 12);

    /** Divisions that do not terminate keep 34 significant digits (IEEE 754 decimal128); nothing else is rounded. */
    public static final MathContext MATH = MathContext.DECIMAL128;

    private final long numerator;
    private final long denominator;

    Interval(long numerator, long denominator) {
        this.numerator = numerator;
        this.denominator = denominator;
    }

    /** The interval named as Stripe writes it ({@code day}, {@code week}, {@code month}, {@code year}). */
    public static Interval of(String stripeName) {
        if (stripeName == null) {
            throw new IllegalArgumentException("The price has no recurring interval");
        }
        try {
            return valueOf(stripeName.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown recurring interval '" + stripeName + "'");
        }
    }

    /** An amount per billing period of {@code intervalCount} intervals, per month. */
    public BigDecimal perMonth(BigDecimal amountPerPeriod, long intervalCount) {
        if (intervalCount < 1) {
            throw new IllegalArgumentException("interval_count must be at least 1, got " + intervalCount);
        }
        return Amounts.plain(Amounts.divide(amountPerPeriod.multiply(BigDecimal.valueOf(numerator)),
                BigDecimal.valueOf(denominator).multiply(BigDecimal.valueOf(intervalCount))));
    }

    public String stripeName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
