package io.growthmetrics.kpi.domain.revenue;

import java.math.BigDecimal;

/** Exact amounts in minor units: never rounded, only written without trailing zeros (1500.50 → 1500.5, 2E+3 → 2000). */
public final class Amounts {

    private Amounts() {
    }

    public static BigDecimal normalize(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
