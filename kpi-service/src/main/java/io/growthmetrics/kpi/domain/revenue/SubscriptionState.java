package io.growthmetrics.kpi.domain.revenue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A subscription as one event describes it (one row of {@code subscription_event} with its items).
 *
 * @param customerId        Stripe's customer (may be absent on a deletion)
 * @param eventCreated      the Stripe event's {@code created} (for a backfill read, the time of the read)
 * @param source            {@code webhook} or {@code backfill}
 * @param deleted           a {@code customer.subscription.deleted}: terminal
 * @param cancelScheduled   {@code cancel_at} is set
 */
public record SubscriptionState(
        String eventId,
        String subscriptionId,
        String customerId,
        String eventType,
        Instant eventCreated,
        String source,
        boolean deleted,
        String status,
        String currency,
        boolean cancelAtPeriodEnd,
        boolean cancelScheduled,
        boolean collectionPaused,
        List<RevenueItem> items) {

    public static final String SOURCE_BACKFILL = "backfill";
    public static final String TYPE_CREATED = "customer.subscription.created";
    public static final String TYPE_BACKFILL = "backfill.snapshot";

    /**
     * The order of a subscription's events; the greatest applied one is the state. By {@code eventCreated}; on a
     * tie (Stripe's {@code created} has a resolution of one second) a deletion wins, then the event type's rank
     * ({@code created} &lt; {@code backfill.snapshot} &lt; any other type: an update made in the same second as the
     * creation comes after it), then the greater eventId. A total order on distinct event ids, so the state never
     * depends on the order of arrival.
     */
    public static final Comparator<SubscriptionState> ORDER = Comparator
            .comparing(SubscriptionState::eventCreated)
            .thenComparing(SubscriptionState::deleted)
            .thenComparingInt(s -> typeRank(s.eventType()))
            .thenComparing(SubscriptionState::eventId);

    public SubscriptionState {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        if (!deleted) {
            Objects.requireNonNull(customerId, "customerId"); // a deletion only ends the subscription
        }
        Objects.requireNonNull(eventCreated, "eventCreated");
        eventType = eventType == null ? "" : eventType;
        currency = currency == null ? null : currency.toLowerCase(Locale.ROOT);
        items = items == null ? List.of() : List.copyOf(items);
    }

    static int typeRank(String eventType) {
        if (TYPE_CREATED.equals(eventType)) {
            return 0;
        }
        return TYPE_BACKFILL.equals(eventType) ? 1 : 2;
    }

    /** The UTC day of the event: the first day whose end-of-day state it can change. */
    public LocalDate day() {
        return LocalDate.ofInstant(eventCreated, ZoneOffset.UTC);
    }

    public boolean isBackfill() {
        return SOURCE_BACKFILL.equals(source);
    }
}
