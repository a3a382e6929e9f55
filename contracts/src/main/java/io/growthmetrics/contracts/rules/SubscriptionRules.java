package io.growthmetrics.contracts.rules;

import io.growthmetrics.contracts.revenue.SubscriptionEvent;
import io.growthmetrics.contracts.revenue.SubscriptionItem;
import io.growthmetrics.contracts.revenue.SubscriptionSnapshot;

import java.time.Instant;
import java.util.List;

/**
 * The rules of a {@code revenue.subscriptions.v1} event, as kpi-service's {@code subscription_event} and
 * {@code subscription_event_item} store it: Stripe ids in {@code varchar(255)}, status {@code varchar(32)}, currency
 * {@code varchar(3)}, quantity {@code bigint} (≥ 0), amounts (≥ 0: no price is negative) in {@code numeric}
 * within {@link #MONEY_INTEGER_DIGITS} and {@link #MONEY_FRACTION_DIGITS}, the event's time within {@link EventTimes}.
 */
public final class SubscriptionRules {

    public static final int ID = RevenueRules.ID;
    public static final int STATUS = 32;
    public static final int SOURCE = 16;
    public static final int SHORT_TEXT = 32;
    /** Items of one subscription (Stripe allows 20). */
    public static final int MAX_ITEMS = 100;
    /** Digits before the point of an amount in cents (a long quantity times a 12-digit unit amount fits). */
    public static final int MONEY_INTEGER_DIGITS = 32;
    /** Digits after it (monthly values are exact to 34 significant digits, so a fraction of a cent runs long). */
    public static final int MONEY_FRACTION_DIGITS = 64;

    private SubscriptionRules() {
    }

    public static Violations check(SubscriptionEvent e, Instant now) {
        Violations v = new Violations()
                .requiredText("eventId", e.eventId(), ID)
                .requiredText("eventType", e.eventType(), ID)
                .required("eventCreated", e.eventCreated())
                .instant("eventCreated", e.eventCreated(), EventTimes.EARLIEST, EventTimes.latestObservation(now))
                .requiredText("source", e.source(), SOURCE);
        SubscriptionSnapshot s = e.subscription();
        if (s == null) {
            return v.required("subscription", null);
        }
        v.requiredText("subscription.id", s.id(), ID)
                .text("subscription.customerId", s.customerId(), ID)
                .text("subscription.status", s.status(), STATUS);
        if (!e.deleted()) {
            v.requiredText("subscription.customerId", s.customerId(), ID);
        }
        RevenueRules.currency(v, "subscription.currency", s.currency(), false);
        Instant latestPlanned = EventTimes.LATEST_PLANNED_DAY.plusDays(1).atStartOfDay()
                .toInstant(java.time.ZoneOffset.UTC);
        v.instant("subscription.cancelAt", s.cancelAt(), Instant.EPOCH, latestPlanned)
                .instant("subscription.canceledAt", s.canceledAt(), Instant.EPOCH, latestPlanned);
        List<SubscriptionItem> items = s.items();
        if (items.size() > MAX_ITEMS) {
            v.field("subscription.items", "'subscription.items' has " + items.size() + " entries, at most " + MAX_ITEMS
                    + " allowed");
            return v;
        }
        for (int i = 0; i < items.size(); i++) {
            String p = "subscription.items[" + i + "].";
            SubscriptionItem item = items.get(i);
            if (item == null) {
                v.required(p.substring(0, p.length() - 1), null);
                continue;
            }
            v.text(p + "itemId", item.itemId(), ID)
                    .text(p + "priceId", item.priceId(), ID)
                    .text(p + "productId", item.productId(), ID)
                    .range(p + "quantity", item.quantity(), 0, Long.MAX_VALUE)
                    .range(p + "intervalCount", item.intervalCount(), 0, Integer.MAX_VALUE)
                    .text(p + "interval", item.interval(), SHORT_TEXT)
                    .text(p + "usageType", item.usageType(), SHORT_TEXT)
                    .number(p + "unitAmountDecimal", item.unitAmountDecimal(), MONEY_INTEGER_DIGITS, MONEY_FRACTION_DIGITS)
                    .nonNegative(p + "unitAmountDecimal", item.unitAmountDecimal())
                    .number(p + "monthlyValueBeforeDiscounts", item.monthlyValueBeforeDiscounts(), MONEY_INTEGER_DIGITS,
                            MONEY_FRACTION_DIGITS)
                    .nonNegative(p + "monthlyValueBeforeDiscounts", item.monthlyValueBeforeDiscounts())
                    .required(p + "monthlyValue", item.monthlyValue())
                    .number(p + "monthlyValue", item.monthlyValue(), MONEY_INTEGER_DIGITS, MONEY_FRACTION_DIGITS)
                    .nonNegative(p + "monthlyValue", item.monthlyValue());
        }
        return v;
    }
}
