package io.growthmetrics.kpi.domain.revenue;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which subscriptions and items count towards self-service MRR (stripe-mrr.md §1.6, following Stripe's Billing
 * analytics). A subscription counts when its status is {@code active} or {@code past_due}, no cancellation is
 * requested ({@code cancel_at_period_end} false and no {@code cancel_at}: Stripe drops the MRR at the request)
 * and, unless configured otherwise, its collection is not paused. Trials and every other status count 0. Of a
 * counting subscription, only the items of the catalog's products count, each with the monthly value
 * revenue-service computed (exact; intervals, quantity, forever coupons, metered prices already applied).
 *
 * @param catalog               the product ids whose items count
 * @param countPausedCollection whether a subscription with {@code pause_collection} set still counts
 */
public record RevenueRules(Set<String> catalog, boolean countPausedCollection) {

    public static final Set<String> COUNTING_STATUSES = Set.of("active", "past_due");

    public RevenueRules {
        catalog = Set.copyOf(catalog);
    }

    /** Whether the subscription in this state counts at all (before looking at its products). */
    public boolean counts(SubscriptionState state) {
        return state != null
                && !state.deleted()
                && state.currency() != null
                && COUNTING_STATUSES.contains(state.status())
                && !state.cancelAtPeriodEnd()
                && !state.cancelScheduled()
                && (countPausedCollection || !state.collectionPaused());
    }

    /**
     * What the subscription in this state adds to MRR, per product of the catalog (sorted by product id): the sum
     * of its items' monthly values. Empty when it does not count or has no item of the catalog. A product listed
     * here counts the subscription once, even with a value of 0 (a metered item).
     */
    public Map<String, BigDecimal> contribution(SubscriptionState state) {
        Map<String, BigDecimal> byProduct = new TreeMap<>();
        if (!counts(state)) {
            return byProduct;
        }
        for (RevenueItem item : state.items()) {
            if (catalog.contains(item.productId())) {
                byProduct.merge(item.productId(), item.monthlyValue(), BigDecimal::add);
            }
        }
        return byProduct;
    }
}
