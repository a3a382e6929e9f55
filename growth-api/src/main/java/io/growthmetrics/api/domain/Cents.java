package io.growthmetrics.api.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * kpi-service keeps money as exact (fractional) cents; the API shows whole cents. Rounding happens once, at the
 * edge, half-up in the {@link RoundingMode#HALF_UP} sense: a half cent goes away from zero, so 12.5 → 13 and
 * −12.5 → −13 (an expansion and the matching contraction show the same size).
 */
public final class Cents {

    private static final BigDecimal TWELVE = BigDecimal.valueOf(12);

    private Cents() {
    }

    /** Whole cents, rounded half-up; fails loudly rather than wrap around beyond ±2⁶³. */
    public static long round(BigDecimal exactCents) {
        return exactCents.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** ARR = 12 × the exact MRR, rounded once (not 12 × the rounded MRR). */
    public static long annualized(BigDecimal exactMonthlyCents) {
        return round(exactMonthlyCents.multiply(TWELVE));
    }
}
