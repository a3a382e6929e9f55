package io.growthmetrics.contracts.revenue;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;

/**
 * One subscription item and its value per month, in minor units of the subscription's currency (cents), exact
 * (not rounded): {@code monthlyValue} = price × quantity normalized to a month, less forever coupons (item ones
 * first, then the subscription's), tax excluded; 0 for metered prices.
 *
 * @param interval      day, week, month or year
 * @param usageType     licensed or metered
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionItem(
        String itemId,
        String priceId,
        String productId,
        long quantity,
        String interval,
        long intervalCount,
        String usageType,
        BigDecimal unitAmountDecimal,
        BigDecimal monthlyValueBeforeDiscounts,
        BigDecimal monthlyValue) {
}
