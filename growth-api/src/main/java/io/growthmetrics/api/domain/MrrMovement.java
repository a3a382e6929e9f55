package io.growthmetrics.api.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A customer's MRR change on one day: new, expansion, contraction, churn or reactivation. {@code deltaCents} is
 * signed (contraction and churn are negative) and rounded half-up away from zero.
 */
public record MrrMovement(LocalDate date, String customerId, String type, long deltaCents) {

    public static MrrMovement of(LocalDate date, String customerId, String type, BigDecimal exactDeltaCents) {
        return new MrrMovement(date, customerId, type, Cents.round(exactDeltaCents));
    }
}
