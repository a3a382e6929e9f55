package io.growthmetrics.revenue.domain;

import java.util.List;

/**
 * A subscription item: its price, its quantity and its own (item-level) discounts' coupons, in Stripe's order.
 */
public record ItemTerms(String itemId, long quantity, PriceTerms price, List<CouponTerms> discounts) {

    public ItemTerms {
        discounts = discounts == null ? List.of() : List.copyOf(discounts);
    }
}
