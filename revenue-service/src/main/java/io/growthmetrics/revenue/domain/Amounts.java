package io.growthmetrics.revenue.domain;

import java.math.BigDecimal;

/** Exact amounts in minor units: divisions keep 34 significant digits, results are never rounded to cents. */
final class Amounts {

    private Amounts() {
    }

    static BigDecimal divide(BigDecimal dividend, BigDecimal divisor) {
        return dividend.divide(divisor, Interval.MATH);
    }

    /** No exponent notation on the wire ({@code 1E+3} → {@code 1000}); the value is unchanged. */
    static BigDecimal plain(BigDecimal value) {
        if (value.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    static BigDecimal atLeastZero(BigDecimal value) {
        return value.signum() < 0 ? BigDecimal.ZERO : value;
    }
}
