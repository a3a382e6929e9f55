package io.growthmetrics.kpi.domain.revenue;

import java.math.BigDecimal;
import java.util.Objects;

/** A subscription item as the revenue views need it: its product and its monthly value (minor units, exact). */
public record RevenueItem(String productId, BigDecimal monthlyValue) {

    public RevenueItem {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(monthlyValue, "monthlyValue");
    }
}
