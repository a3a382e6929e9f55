package io.growthmetrics.contracts.revenue;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A subscription as Stripe described it in the event.
 *
 * @param status            Stripe's status: active, past_due, trialing, incomplete, incomplete_expired, unpaid, canceled, paused
 * @param currency          ISO code, lower case as Stripe writes it (usd, eur)
 * @param cancelAtPeriodEnd set when the customer asked to cancel at the end of the period (Stripe drops MRR at once)
 * @param cancelAt          a scheduled cancellation, if any
 * @param collectionPaused  {@code pause_collection} is set
 * @param items             every item, in scope or not: which products count is the consumers' configuration
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionSnapshot(
        String id,
        String customerId,
        String status,
        String currency,
        boolean cancelAtPeriodEnd,
        Instant cancelAt,
        Instant canceledAt,
        boolean collectionPaused,
        List<SubscriptionItem> items) {

    public SubscriptionSnapshot {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
