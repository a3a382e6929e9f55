package io.growthmetrics.contracts.rules;

import java.math.BigDecimal;

/** Bounds on an exact number before it reaches a {@code numeric} column or {@code jsonb}. */
public final class StorableNumber {

    private StorableNumber() {
    }

    /**
     * Null when {@code value} has at most {@code maxIntegerDigits} digits before the decimal point and at most
     * {@code maxFractionDigits} significant digits after it; otherwise what is wrong. Trailing zeros do not count.
     */
    public static String problem(BigDecimal value, int maxIntegerDigits, int maxFractionDigits) {
        if (value == null) {
            return null;
        }
        if (value.signum() == 0) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        // precision - scale = digits before the point (for |x| >= 1); may be <= 0 for |x| < 1.
        long integerDigits = (long) stripped.precision() - stripped.scale();
        if (integerDigits > maxIntegerDigits) {
            return "is out of range (more than " + maxIntegerDigits + " digits before the decimal point)";
        }
        if (stripped.scale() > maxFractionDigits) {
            return "has more than " + maxFractionDigits + " digits after the decimal point";
        }
        return null;
    }
}
