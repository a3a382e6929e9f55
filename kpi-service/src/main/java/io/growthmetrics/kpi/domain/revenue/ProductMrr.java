package io.growthmetrics.kpi.domain.revenue;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The MRR of one product in one currency at the end of a day, and how many subscriptions make it up. */
public record ProductMrr(LocalDate day, String currency, String productId, BigDecimal mrr, int subscriptions) {
}
