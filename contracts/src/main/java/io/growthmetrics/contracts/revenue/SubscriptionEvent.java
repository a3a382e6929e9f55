package io.growthmetrics.contracts.revenue;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * Value on {@code revenue.subscriptions.v1} (key = subscription id): a Stripe subscription's state as of one
 * event, normalized, with each item's monthly value already computed (schema: {@code schemas/revenue.subscriptions.v1.schema.json}).
 *
 * @param eventId      the Stripe event id ({@code evt_…}); for a backfill read, {@code backfill:<sub id>:<epoch seconds of the read>}
 * @param eventType    the Stripe event type (e.g. {@code customer.subscription.updated}), or {@code backfill.snapshot}
 * @param eventCreated the Stripe event's {@code created}; for a backfill read, the time of the read. Per subscription the
 *                     state with the latest eventCreated wins, and a deletion is terminal.
 * @param source       {@code webhook} or {@code backfill} (a subscription first seen in a backfill is opening balance, not "new")
 * @param deleted      true for {@code customer.subscription.deleted}: terminal
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionEvent(
        int schemaVersion,
        String eventId,
        String eventType,
        Instant eventCreated,
        String source,
        boolean deleted,
        SubscriptionSnapshot subscription) {

    public static final int SCHEMA_VERSION = 1;
    public static final String SOURCE_WEBHOOK = "webhook";
    public static final String SOURCE_BACKFILL = "backfill";
    public static final String TYPE_BACKFILL = "backfill.snapshot";
}
