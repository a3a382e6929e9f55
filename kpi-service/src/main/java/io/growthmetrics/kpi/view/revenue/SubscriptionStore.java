package io.growthmetrics.kpi.view.revenue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.revenue.SubscriptionEvent;
import io.growthmetrics.contracts.revenue.SubscriptionItem;
import io.growthmetrics.contracts.revenue.SubscriptionSnapshot;
import io.growthmetrics.kpi.view.ViewRefreshEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes consumed subscription events: each event id once ({@code ON CONFLICT DO NOTHING}), with its items, in one
 * statement per batch; then marks the day of the earliest new event dirty, so the refresh recomputes the revenue
 * views from there on (an event created on day D changes the states at the end of D and after, nothing before).
 */
@ApplicationScoped
public class SubscriptionStore {

    /** A checked event, and the envelope exactly as received (unknown fields included). */
    public record Received(SubscriptionEvent event, JsonNode envelope) {
    }

    /** What a batch changed. */
    public record Outcome(int stored, int duplicates) {
    }

    private static final String INSERT_EVENTS = """
            WITH input AS (
                SELECT * FROM jsonb_to_recordset(CAST(CAST(?1 AS text) AS jsonb)) AS x(
                    event_id text, subscription_id text, customer_id text, event_type text, event_created timestamptz,
                    source text, deleted boolean, status text, currency text, cancel_at_period_end boolean,
                    cancel_at timestamptz, collection_paused boolean, items jsonb, event jsonb)
            ), inserted AS (
                INSERT INTO subscription_event (event_id, subscription_id, customer_id, event_type, event_created, source,
                                                deleted, status, currency, cancel_at_period_end, cancel_at,
                                                collection_paused, event)
                SELECT event_id, subscription_id, customer_id, event_type, event_created, source, deleted, status,
                       currency, cancel_at_period_end, cancel_at, collection_paused, event
                FROM input
                ON CONFLICT (event_id) DO NOTHING
                RETURNING event_id, event_created
            ), items AS (
                INSERT INTO subscription_event_item (event_id, position, item_id, price_id, product_id, quantity,
                                                     monthly_value)
                SELECT i.event_id, CAST(it.position AS integer), it.item ->> 'item_id', it.item ->> 'price_id',
                       it.item ->> 'product_id', CAST(it.item ->> 'quantity' AS bigint),
                       CAST(it.item ->> 'monthly_value' AS numeric)
                FROM input i
                JOIN inserted USING (event_id)
                CROSS JOIN LATERAL jsonb_array_elements(i.items) WITH ORDINALITY AS it(item, position)
            )
            SELECT CAST(count(*) AS integer), CAST(CAST(min(event_created AT TIME ZONE 'UTC') AS date) AS text)
            FROM inserted
            """;

    private static final String MARK_DIRTY = """
            UPDATE view_refresh SET dirty_from = LEAST(COALESCE(dirty_from, ?1), ?1) WHERE view_name = ?2
            """;

    /** Stores the events in one transaction; repeats (already stored, or twice in the batch) are skipped. */
    public Uni<Outcome> store(List<Received> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(new Outcome(0, 0));
        }
        Map<String, Received> byId = new LinkedHashMap<>();
        events.forEach(e -> byId.putIfAbsent(e.event().eventId(), e));
        ArrayNode rows = EventJson.mapper().createArrayNode();
        byId.values().forEach(e -> rows.add(row(e)));
        String input = rows.toString();
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery(INSERT_EVENTS, Object[].class)
                .setParameter(1, input)
                .getSingleResult()
                .flatMap(result -> {
                    int stored = ((Number) result[0]).intValue();
                    Outcome outcome = new Outcome(stored, events.size() - stored);
                    if (stored == 0) {
                        return Uni.createFrom().item(outcome);
                    }
                    return session.createNativeQuery(MARK_DIRTY)
                            .setParameter(1, LocalDate.parse((String) result[1]))
                            .setParameter(2, ViewRefreshEntity.REVENUE)
                            .executeUpdate()
                            .replaceWith(outcome);
                })));
    }

    private static ObjectNode row(Received received) {
        SubscriptionEvent event = received.event();
        SubscriptionSnapshot subscription = event.subscription();
        ObjectNode row = EventJson.mapper().createObjectNode();
        row.put("event_id", event.eventId());
        row.put("subscription_id", subscription.id());
        row.put("customer_id", subscription.customerId());
        row.put("event_type", event.eventType());
        row.put("event_created", event.eventCreated().toString());
        row.put("source", event.source());
        row.put("deleted", event.deleted());
        row.put("status", subscription.status());
        row.put("currency", subscription.currency() == null ? null : subscription.currency().toLowerCase(Locale.ROOT));
        row.put("cancel_at_period_end", subscription.cancelAtPeriodEnd());
        row.put("cancel_at", subscription.cancelAt() == null ? null : subscription.cancelAt().toString());
        row.put("collection_paused", subscription.collectionPaused());
        ArrayNode items = row.putArray("items");
        if (!event.deleted()) { // a deletion's items never count: not kept as rows (the envelope has them)
            for (SubscriptionItem item : subscription.items()) {
                ObjectNode i = items.addObject();
                i.put("item_id", item.itemId());
                i.put("price_id", item.priceId());
                i.put("product_id", item.productId());
                i.put("quantity", item.quantity());
                i.put("monthly_value", item.monthlyValue().toPlainString());
            }
        }
        row.set("event", received.envelope());
        return row;
    }
}
