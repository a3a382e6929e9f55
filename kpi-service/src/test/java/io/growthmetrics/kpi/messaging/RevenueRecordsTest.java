package io.growthmetrics.kpi.messaging;

import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.revenue.CarrGoalEvent;
import io.growthmetrics.contracts.revenue.ContractEvent;
import io.growthmetrics.contracts.revenue.ProductCatalogEvent;
import io.growthmetrics.contracts.revenue.SubscriptionEvent;
import io.growthmetrics.contracts.revenue.SubscriptionItem;
import io.growthmetrics.contracts.revenue.SubscriptionSnapshot;
import io.growthmetrics.kpi.view.revenue.SubscriptionStore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each revenue consumer accepts, and the dead-letter reason of what it does not (no broker needed). */
class RevenueRecordsTest {

    private static final Instant T = Instant.parse("2026-11-01T10:00:00Z");

    // --- subscriptions ---

    private static SubscriptionItem item(String productId, String monthlyValue) {
        BigDecimal value = monthlyValue == null ? null : new BigDecimal(monthlyValue);
        return new SubscriptionItem("si_1", "price_1", productId, 2, "year", 1, "licensed", new BigDecimal("6000"),
                new BigDecimal("1000"), value);
    }

    private static SubscriptionSnapshot snapshot(String id, String customer, String status, String currency,
            SubscriptionItem... items) {
        return new SubscriptionSnapshot(id, customer, status, currency, false, null, null, false, List.of(items));
    }

    private static SubscriptionEvent event(String eventId, String type, Instant created, String source, boolean deleted,
            SubscriptionSnapshot subscription) {
        return new SubscriptionEvent(1, eventId, type, created, source, deleted, subscription);
    }

    private static SubscriptionEvent valid() {
        return event("evt_1", "customer.subscription.updated", T, "webhook", false,
                snapshot("sub_1", "cus_1", "active", "USD", item("prod_a", "1000.5")));
    }

    private static String subscriptionRejected(Object value) {
        return assertThrows(UnprocessableRecordException.class,
                () -> SubscriptionConsumer.read(record(Topics.REVENUE_SUBSCRIPTIONS_V1, "sub_1", value))).getMessage();
    }

    @Test
    void aValidSubscriptionEventIsReadWithItsWholeEnvelope() throws Exception {
        String json = EventJson.mapper().writeValueAsString(valid()).replaceFirst("\\{", "{\"newField\":{\"x\":1},");
        SubscriptionStore.Received received = SubscriptionConsumer.read(record(Topics.REVENUE_SUBSCRIPTIONS_V1, "sub_1", json));
        assertEquals("evt_1", received.event().eventId());
        assertEquals(1, received.envelope().get("newField").get("x").asInt(), "fields not typed yet are kept");

        SubscriptionEvent deletion = event("evt_2", "customer.subscription.deleted", T, "webhook", true,
                snapshot("sub_1", null, null, null, item(null, null)));
        assertTrue(SubscriptionConsumer.read(record(Topics.REVENUE_SUBSCRIPTIONS_V1, "sub_1", deletion)).event().deleted(),
                "a deletion needs neither customer, status, currency nor complete items");

        SubscriptionEvent noProduct = event("evt_3", "customer.subscription.updated", T, "webhook", false,
                snapshot("sub_1", "cus_1", "active", "usd", item(null, "10")));
        assertEquals(null, SubscriptionConsumer.read(record(Topics.REVENUE_SUBSCRIPTIONS_V1, "sub_1", noProduct)).event()
                .subscription().items().get(0).productId(), "an item without a product is kept; it never counts");
    }

    @Test
    void unreadableSubscriptionRecordsAreRejectedWithTheReason() {
        assertEquals("empty record value", subscriptionRejected(null));
        assertEquals("empty record value", subscriptionRejected(" "));
        assertTrue(subscriptionRejected("{not json").startsWith("not a subscription event: "));
        assertEquals("not a subscription event: not a JSON object", subscriptionRejected("[1]"));
        assertTrue(subscriptionRejected("{\"eventCreated\":\"yesterday\"}").startsWith("not a subscription event: "));
        assertEquals("contains a NUL character (\\u0000), which PostgreSQL cannot store",
                subscriptionRejected("{\"eventId\":\"a\\u0000b\"}"));
    }

    @Test
    void incompleteSubscriptionEventsAreRejectedWithTheReason() {
        SubscriptionSnapshot ok = valid().subscription();
        assertEquals("unsupported schemaVersion 2 (this consumer reads 1)", subscriptionRejected(
                new SubscriptionEvent(2, "evt_1", "customer.subscription.updated", T, "webhook", false, ok)));
        assertEquals("missing eventId", subscriptionRejected(event(" ", "x", T, "webhook", false, ok)));
        assertEquals("eventId longer than 255 characters",
                subscriptionRejected(event("e".repeat(256), "x", T, "webhook", false, ok)));
        assertEquals("missing eventType", subscriptionRejected(event("evt_1", null, T, "webhook", false, ok)));
        assertEquals("missing eventCreated", subscriptionRejected(event("evt_1", "x", null, "webhook", false, ok)));
        assertEquals("eventCreated out of range: +10000-01-01T00:00:00Z", subscriptionRejected(
                event("evt_1", "x", Instant.parse("+10000-01-01T00:00:00Z"), "webhook", false, ok)));
        assertEquals("missing source", subscriptionRejected(event("evt_1", "x", T, null, false, ok)));
        assertEquals("unknown source api (webhook or backfill)", subscriptionRejected(event("evt_1", "x", T, "api", false, ok)));
        assertEquals("missing subscription", subscriptionRejected(event("evt_1", "x", T, "webhook", false, null)));
        assertEquals("missing subscription.id", subscriptionRejected(event("evt_1", "x", T, "webhook", false,
                snapshot(null, "cus_1", "active", "usd"))));
        assertEquals("missing subscription.customerId", subscriptionRejected(event("evt_1", "x", T, "webhook", false,
                snapshot("sub_1", "", "active", "usd"))));
        assertEquals("missing subscription.status", subscriptionRejected(event("evt_1", "x", T, "webhook", false,
                snapshot("sub_1", "cus_1", null, "usd"))));
        assertEquals("subscription.status longer than 32 characters", subscriptionRejected(event("evt_1", "x", T,
                "webhook", false, snapshot("sub_1", "cus_1", "s".repeat(33), "usd"))));
        assertEquals("missing subscription.currency", subscriptionRejected(event("evt_1", "x", T, "webhook", false,
                snapshot("sub_1", "cus_1", "active", null))));
        assertEquals("subscription.currency is not a 3-letter currency code: us dollar", subscriptionRejected(event(
                "evt_1", "x", T, "webhook", false, snapshot("sub_1", "cus_1", "active", "us dollar"))));
        assertEquals("subscription.items[1].productId longer than 255 characters", subscriptionRejected(event("evt_1",
                "x", T, "webhook", false, snapshot("sub_1", "cus_1", "active", "usd", item("prod_a", "1"),
                        item("p".repeat(256), "1")))));
        assertEquals("missing subscription.items[0].monthlyValue", subscriptionRejected(event("evt_1", "x", T,
                "webhook", false, snapshot("sub_1", "cus_1", "active", "usd", item("prod_a", null)))));
    }

    // --- catalog ---

    private static String catalogRejected(String key, Object value) {
        return assertThrows(UnprocessableRecordException.class,
                () -> ProductCatalogConsumer.read(record(Topics.REVENUE_PRODUCTS_V1, key, value))).getMessage();
    }

    @Test
    void catalogRecords() throws Exception {
        ProductCatalogEvent ok = new ProductCatalogEvent(1, T, List.of(new ProductCatalogEvent.Product("prod_a", "A")));
        assertEquals(ok, ProductCatalogConsumer.read(record(Topics.REVENUE_PRODUCTS_V1, "self-service", ok)));
        assertEquals(ok, ProductCatalogConsumer.read(record(Topics.REVENUE_PRODUCTS_V1, null, ok)));
        ProductCatalogEvent empty = new ProductCatalogEvent(1, T, List.of());
        assertEquals(empty, ProductCatalogConsumer.read(record(Topics.REVENUE_PRODUCTS_V1, null, empty)),
                "an empty catalog is a catalog: nothing counts");

        assertEquals("unknown catalog key enterprise (this consumer reads self-service)", catalogRejected("enterprise", ok));
        assertEquals("unsupported schemaVersion 3 (this consumer reads 1)",
                catalogRejected(null, new ProductCatalogEvent(3, T, ok.products())));
        assertEquals("missing publishedAt", catalogRejected(null, new ProductCatalogEvent(1, null, ok.products())));
        assertEquals("missing products", catalogRejected(null, new ProductCatalogEvent(1, T, null)));
        List<ProductCatalogEvent.Product> twice = new ArrayList<>(ok.products());
        twice.add(new ProductCatalogEvent.Product("prod_a", "again"));
        assertEquals("duplicate productId prod_a", catalogRejected(null, new ProductCatalogEvent(1, T, twice)));
        assertEquals("missing products[0].name", catalogRejected(null,
                new ProductCatalogEvent(1, T, List.of(new ProductCatalogEvent.Product("prod_a", " ")))));
        assertEquals("missing products[0].productId", catalogRejected(null,
                new ProductCatalogEvent(1, T, List.of(new ProductCatalogEvent.Product(null, "A")))));
    }

    // --- contracts and goals ---

    private static ContractEvent contract(String status, LocalDate signed, LocalDate expected, String currency, long value) {
        return new ContractEvent(1, "ce-1", T, "k-1", "Acme", value, currency, status, signed, expected, null);
    }

    private static String contractRejected(ContractEvent event) {
        return assertThrows(UnprocessableRecordException.class,
                () -> ContractConsumer.read(record(Topics.REVENUE_CONTRACTS_V1, "k-1", event))).getMessage();
    }

    @Test
    void contractRecords() throws Exception {
        LocalDate day = LocalDate.parse("2026-10-01");
        assertEquals("usd", ContractConsumer.read(record(Topics.REVENUE_CONTRACTS_V1, "k-1",
                contract("signed", day, null, "USD", 100))).currency(), "lower case, as Stripe writes currencies");
        assertEquals("pipeline", ContractConsumer.read(record(Topics.REVENUE_CONTRACTS_V1, "k-1",
                contract("pipeline", null, day, "eur", 100))).status());

        assertEquals("missing signedDate (status signed)", contractRejected(contract("signed", null, day, "usd", 1)));
        assertEquals("missing expectedCloseDate (status pipeline)", contractRejected(contract("pipeline", day, null, "usd", 1)));
        assertEquals("unknown status lost (signed or pipeline)", contractRejected(contract("lost", day, day, "usd", 1)));
        assertEquals("missing status", contractRejected(contract(null, day, day, "usd", 1)));
        assertEquals("currency is not a 3-letter currency code: usdx", contractRejected(contract("signed", day, null, "usdx", 1)));
        assertEquals("negative annualValueCents -1", contractRejected(contract("signed", day, null, "usd", -1)));
        assertEquals("missing contractId", contractRejected(new ContractEvent(1, "ce-1", T, null, "Acme", 1, "usd",
                "signed", day, null, null)));
        assertEquals("missing updatedAt", contractRejected(new ContractEvent(1, "ce-1", null, "k-1", "Acme", 1, "usd",
                "signed", day, null, null)));
        assertEquals("customer longer than 255 characters", contractRejected(new ContractEvent(1, "ce-1", T, "k-1",
                "c".repeat(256), 1, "usd", "signed", day, null, null)));
    }

    private static String goalRejected(CarrGoalEvent event) {
        return assertThrows(UnprocessableRecordException.class,
                () -> CarrGoalConsumer.read(record(Topics.REVENUE_CARR_GOALS_V1, event.quarter(), event))).getMessage();
    }

    @Test
    void goalRecords() throws Exception {
        assertEquals(new CarrGoalEvent(1, "g-1", T, "2026-Q4", "usd", 5), CarrGoalConsumer.read(
                record(Topics.REVENUE_CARR_GOALS_V1, "2026-Q4", new CarrGoalEvent(1, "g-1", T, "2026-Q4", "USD", 5))));
        assertEquals("quarter is not like 2026-Q4: 2026-4", goalRejected(new CarrGoalEvent(1, "g-1", T, "2026-4", "usd", 5)));
        assertEquals("missing quarter", goalRejected(new CarrGoalEvent(1, "g-1", T, null, "usd", 5)));
        assertEquals("missing eventId", goalRejected(new CarrGoalEvent(1, null, T, "2026-Q4", "usd", 5)));
        assertEquals("missing currency", goalRejected(new CarrGoalEvent(1, "g-1", T, "2026-Q4", null, 5)));
        assertEquals("negative goalCents -5", goalRejected(new CarrGoalEvent(1, "g-1", T, "2026-Q4", "usd", -5)));
    }

    private static ConsumerRecord<String, String> record(String topic, String key, Object value) {
        String json;
        try {
            json = value == null || value instanceof String ? (String) value : EventJson.mapper().writeValueAsString(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return new ConsumerRecord<>(topic, 0, 0L, key, json);
    }
}
