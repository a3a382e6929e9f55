package io.growthmetrics.kpi.domain.revenue;

import java.time.LocalDate;
import java.util.List;

/**
 * The revenue figures of one UTC day: MRR per currency and product (only where some subscription counts),
 * sorted by currency then product; and the customers' movements, sorted by currency then customer.
 */
public record MrrDay(LocalDate day, List<ProductMrr> products, List<MrrMovement> movements) {
}
