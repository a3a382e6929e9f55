package io.growthmetrics.api.domain;

import java.math.BigDecimal;

/** One row of read_mrr_daily for a day and currency: a product's exact MRR in (fractional) cents. */
public record ProductMrrRow(String productId, BigDecimal mrrCents, int subscriptions) {
}
