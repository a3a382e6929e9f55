package io.growthmetrics.kpi.domain.revenue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Builds subscription events for the tests: {@code Sub.event("evt_1", "sub_1").on(0, 10).item("prod_a", "1000")}. */
final class Sub {

    static final LocalDate D0 = LocalDate.of(2026, 3, 1);

    private final String eventId;
    private final String subscriptionId;
    private String customerId = "cus_1";
    private String eventType = "customer.subscription.updated";
    private Instant created = at(0, 12);
    private String source = "webhook";
    private boolean deleted;
    private String status = "active";
    private String currency = "usd";
    private boolean cancelAtPeriodEnd;
    private boolean cancelScheduled;
    private boolean collectionPaused;
    private final List<RevenueItem> items = new ArrayList<>();

    private Sub(String eventId, String subscriptionId) {
        this.eventId = eventId;
        this.subscriptionId = subscriptionId;
    }

    static Sub event(String eventId, String subscriptionId) {
        return new Sub(eventId, subscriptionId);
    }

    static Instant at(int day, int hour) {
        return at(day, hour, 0, 0);
    }

    static Instant at(int day, int hour, int minute, int second) {
        return D0.plusDays(day).atTime(hour, minute, second).toInstant(ZoneOffset.UTC);
    }

    static LocalDate day(int offset) {
        return D0.plusDays(offset);
    }

    Sub customer(String id) {
        customerId = id;
        return this;
    }

    Sub type(String type) {
        eventType = type;
        return this;
    }

    Sub created() {
        return type(SubscriptionState.TYPE_CREATED);
    }

    Sub backfill() {
        source = SubscriptionState.SOURCE_BACKFILL;
        return type(SubscriptionState.TYPE_BACKFILL);
    }

    Sub deleted() {
        deleted = true;
        status = "canceled";
        return type("customer.subscription.deleted");
    }

    Sub on(Instant moment) {
        created = moment;
        return this;
    }

    Sub on(int day, int hour) {
        return on(at(day, hour));
    }

    Sub status(String value) {
        status = value;
        return this;
    }

    Sub currency(String value) {
        currency = value;
        return this;
    }

    Sub cancelAtPeriodEnd() {
        cancelAtPeriodEnd = true;
        return this;
    }

    Sub cancelAt() {
        cancelScheduled = true;
        return this;
    }

    Sub collectionPaused() {
        collectionPaused = true;
        return this;
    }

    Sub item(String productId, String monthlyValue) {
        items.add(new RevenueItem(productId, new BigDecimal(monthlyValue)));
        return this;
    }

    SubscriptionState build() {
        return new SubscriptionState(eventId, subscriptionId, customerId, eventType, created, source, deleted, status,
                currency, cancelAtPeriodEnd, cancelScheduled, collectionPaused, items);
    }
}
