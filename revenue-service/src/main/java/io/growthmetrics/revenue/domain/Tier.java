package io.growthmetrics.revenue.domain;

import java.math.BigDecimal;

/**
 * One tier of a tiered price, as Stripe returns it with {@code expand[]=tiers}.
 *
 * @param upTo              the last unit of the tier; null for the open-ended last tier ({@code up_to: "inf"})
 * @param unitAmountDecimal per unit in this tier (null = 0)
 * @param flatAmountDecimal added once when any unit falls in this tier (null = 0)
 */
public record Tier(Long upTo, BigDecimal unitAmountDecimal, BigDecimal flatAmountDecimal) {

    BigDecimal unit() {
        return unitAmountDecimal == null ? BigDecimal.ZERO : unitAmountDecimal;
    }

    BigDecimal flat() {
        return flatAmountDecimal == null ? BigDecimal.ZERO : flatAmountDecimal;
    }
}
