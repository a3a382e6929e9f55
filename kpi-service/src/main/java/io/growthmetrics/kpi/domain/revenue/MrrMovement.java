package io.growthmetrics.kpi.domain.revenue;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A customer's MRR movement of one day in one currency: its MRR at the end of the day less the day before's. */
public record MrrMovement(LocalDate day, String currency, String customerId, MovementType type, BigDecimal delta) {
}
