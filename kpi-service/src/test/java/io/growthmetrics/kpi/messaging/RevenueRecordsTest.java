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
    private static final Instant NOW = T.plusSeconds(3600);

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
                () -> SubscriptionConsumer.read(record(Topics.REVENUE_SUBSCRIPTIONS_V1, "sub_1", value), NOW)).getMessage();
    }

    @Test
    void aValidSubscriptionEventIsReadWithItsWholeEnvelope() throws Exception {
        String json = EventJson.mapper().writeValueAsString(valid()).replaceFirst("\\{", "{\"newField\":{\"x\":1},");
        SubscriptionStore.Received received = SubscriptionConsumer.read(record(Topics.REVENUE_SUBSCRIPTIONS_V1, "sub_1", json), NOW);
        assertEquals("evt_1", received.event().eventId());
        assertEquals(1, received.envelope().get("newField").get("x").asInt(), "fields not typed yet are kept");

        SubscriptionEvent deletion = event("evt_2", "customer.subscription.deleted", T, "webhook", true,
                snapshot("sub_1", null, null, null, item(null, "0")));
        assertTrue(SubscriptionConsumer.read(record(Topics.REVENUE_SUBSCRIPTIONS_V1, "sub_1", deletion), NOW).event().deleted(),
                "a deletion needs neither customer, status nor currency");

        SubscriptionEvent noProduct = event("evt_3", "customer.subscription.updated", T, "webhook", false,
                snapshot("sub_1", "cus_1", "active", "usd", item(null, "10")));
        assertEquals(null, SubscriptionConsumer.read(record(Topics.REVENUE_SUBSCRIPTIONS_V1, "sub_1", noProduct), NOW).event()
                .subscription().items().get(0).productId(), "an item without a product is kept; it never counts");
    }

    @Test
    void unreadableSubscriptionRecordsAreRejectedWithTheReason() {
        assertEquals("empty record value", subscriptionRejected(null));
        assertEquals("empty record value", subscriptionRejected(" "));
        assertTrue(subscriptionRejected("{not json").startsWith("not a subscription event: "));
        assertEquals("not a subscription event: not a JSON object", subscriptionRejected("[1]"));
        assertEquals("missing schemaVersion", subscriptionRejected("{\"eventCreated\":\"yesterday\"}"));
        assertTrue(subscriptionRejected("{\"schemaVersion\":1,\"eventCreated\":\"yesterday\"}")
                .startsWith("not a subscription event: "));
        assertNamesField("record.eventId", subscriptionRejected("{\"eventId\":\"a\\u0000b\"}"));
        assertTrue(subscriptionRejected("{\"eventId\":\"a\\u0000b\"}").contains("NUL"));
        assertTrue(subscriptionRejected("{\"x\":\"\\ud800\"}").contains("surrogate"), "a lone surrogate anywhere");
        assertTrue(subscriptionRejected("{\"x\":1e200000}").contains("out of range"), "a number jsonb cannot hold");
    }

    private static void assertNamesField(String field, String reason) {
        assertTrue(reason.contains("'" + field + "'"), reason + " should name " + field);
    }

    @Test
    void subscriptionEventsBreakingTheRulesAreRejectedNamingTheField() {
        SubscriptionSnapshot ok = valid().subscription();
        assertEquals("unsupported schemaVersion 2 (this consumer reads 1)", subscriptionRejected(
                new SubscriptionEvent(2, "evt_1", "customer.subscription.updated", T, "webhook", false, ok)));
        assertNamesField("eventId", subscriptionRejected(event(" ", "x", T, "webhook", false, ok)));
        assertNamesField("eventId", subscriptionRejected(event("e".repeat(256), "x", T, "webhook", false, ok)));
        assertNamesField("eventType", subscriptionRejected(event("evt_1", null, T, "webhook", false, ok)));
        assertNamesField("eventCreated", subscriptionRejected(event("evt_1", "x", null, "webhook", false, ok)));
        assertNamesField("eventCreated", subscriptionRejected(
                event("evt_1", "x", Instant.parse("+10000-01-01T00:00:00Z"), "webhook", false, ok)));
        assertNamesField("eventCreated", subscriptionRejected(
                event("evt_1", "x", Instant.parse("2019-12-31T23:59:59Z"), "webhook", false, ok)));
        assertNamesField("source", subscriptionRejected(event("evt_1", "x", T, null, false, ok)));
        assertNamesField("source", subscriptionRejected(event("evt_1", "x", T, "api", false, ok)));
        assertNamesField("subscription", subscriptionRejected(event("evt_1", "x", T, "webhook", false, null)));
        assertNamesField("subscription.id", subscriptionRejected(event("evt_1", "x", T, "webhook", false,
                snapshot(null, "cus_1", "active", "usd"))));
        assertNamesField("subscription.customerId", subscriptionRejected(event("evt_1", "x", T, "webhook", false,
                snapshot("sub_1", "", "active", "usd"))));
        assertNamesField("subscription.status", subscriptionRejected(event("evt_1", "x", T, "webhook", false,
                snapshot("sub_1", "cus_1", null, "usd"))));
        assertNamesField("subscription.status", subscriptionRejected(event("evt_1", "x", T,
                "webhook", false, snapshot("sub_1", "cus_1", "s".repeat(33), "usd"))));
        assertNamesField("subscription.currency", subscriptionRejected(event("evt_1", "x", T, "webhook", false,
                snapshot("sub_1", "cus_1", "active", null))));
        assertNamesField("subscription.currency", subscriptionRejected(event(
                "evt_1", "x", T, "webhook", false, snapshot("sub_1", "cus_1", "active", "us dollar"))));
        assertNamesField("subscription.items[1].productId", subscriptionRejected(event("evt_1",
                "x", T, "webhook", false, snapshot("sub_1", "cus_1", "active", "usd", item("prod_a", "1"),
                        item("p".repeat(256), "1")))));
        assertNamesField("subscription.items[0].monthlyValue", subscriptionRejected(event("evt_1", "x", T,
                "webhook", false, snapshot("sub_1", "cus_1", "active", "usd", item("prod_a", null)))));
        assertNamesField("subscription.items[0].monthlyValue", subscriptionRejected(event("evt_1", "x", T,
                "webhook", false, snapshot("sub_1", "cus_1", "active", "usd", item("prod_a", "1e40")))));
    }

    // --- catalog ---

    private static String catalogRejected(String key, Object value) {
        return assertThrows(UnprocessableRecordException.class,
                () -> ProductCatalogConsumer.read(record(Topics.REVENUE_PRODUCTS_V1, key, value), NOW)).getMessage();
    }

    @Test
    void catalogRecords() throws Exception {
        ProductCatalogEvent ok = new ProductCatalogEvent(1, T, List.of(new ProductCatalogEvent.Product("prod_a", "A")));
        assertEquals(ok, ProductCatalogConsumer.read(record(Topics.REVENUE_PRODUCTS_V1, "self-service", ok), NOW));
        assertEquals(ok, ProductCatalogConsumer.read(record(Topics.REVENUE_PRODUCTS_V1, null, ok), NOW));

        assertEquals("unknown catalog key enterprise (this consumer reads self-service)", catalogRejected("enterprise", ok));
        assertEquals("unsupported schemaVersion 3 (this consumer reads 1)",
                catalogRejected(null, new ProductCatalogEvent(3, T, ok.products())));
        assertNamesField("publishedAt", catalogRejected(null, new ProductCatalogEvent(1, null, ok.products())));
        assertNamesField("products", catalogRejected(null, new ProductCatalogEvent(1, T, null)));
        List<ProductCatalogEvent.Product> twice = new ArrayList<>(ok.products());
        twice.add(new ProductCatalogEvent.Product("prod_a", "again"));
        assertNamesField("products[1].productId", catalogRejected(null, new ProductCatalogEvent(1, T, twice)));
        assertNamesField("products[0].name", catalogRejected(null,
                new ProductCatalogEvent(1, T, List.of(new ProductCatalogEvent.Product("prod_a", " ")))));
        assertNamesField("products[0].productId", catalogRejected(null,
                new ProductCatalogEvent(1, T, List.of(new ProductCatalogEvent.Product(null, "A")))));
    }

    // --- contracts and goals ---

    private static ContractEvent contract(String status, LocalDate signed, LocalDate expected, String currency, long value) {
        return new ContractEvent(1, "ce-1", T, "k-1", "Acme", value, currency, status, signed, expected, null);
    }

    private static String contractRejected(ContractEvent event) {
        return assertThrows(UnprocessableRecordException.class,
                () -> ContractConsumer.read(record(Topics.REVENUE_CONTRACTS_V1, "k-1", event), NOW)).getMessage();
    }

    @Test
    void contractRecords() throws Exception {
        LocalDate day = LocalDate.parse("2026-10-01");
        assertEquals("usd", ContractConsumer.read(record(Topics.REVENUE_CONTRACTS_V1, "k-1",
                contract("signed", day, null, "USD", 100)), NOW).currency(), "lower case, as Stripe writes currencies");
        assertEquals("pipeline", ContractConsumer.read(record(Topics.REVENUE_CONTRACTS_V1, "k-1",
                contract("pipeline", null, day, "eur", 100)), NOW).status());

        assertNamesField("signedDate", contractRejected(contract("signed", null, day, "usd", 1)));
        assertNamesField("expectedCloseDate", contractRejected(contract("pipeline", day, null, "usd", 1)));
        assertNamesField("status", contractRejected(contract("lost", day, day, "usd", 1)));
        assertNamesField("status", contractRejected(contract(null, day, day, "usd", 1)));
        assertNamesField("currency", contractRejected(contract("signed", day, null, "usdx", 1)));
        assertNamesField("annualValueCents", contractRejected(contract("signed", day, null, "usd", -1)));
        assertNamesField("contractId", contractRejected(new ContractEvent(1, "ce-1", T, null, "Acme", 1, "usd",
                "signed", day, null, null)));
        assertNamesField("updatedAt", contractRejected(new ContractEvent(1, "ce-1", null, "k-1", "Acme", 1, "usd",
                "signed", day, null, null)));
        assertNamesField("customer", contractRejected(new ContractEvent(1, "ce-1", T, "k-1",
                "c".repeat(256), 1, "usd", "signed", day, null, null)));
        assertNamesField("signedDate", contractRejected(contract("signed", LocalDate.of(10000, 1, 1), null, "usd", 1)));
        assertNamesField("signedDate", contractRejected(contract("signed", LocalDate.of(0, 1, 1), null, "usd", 1)));
    }

    private static String goalRejected(CarrGoalEvent event) {
        return assertThrows(UnprocessableRecordException.class,
                () -> CarrGoalConsumer.read(record(Topics.REVENUE_CARR_GOALS_V1, event.quarter(), event), NOW))
                .getMessage();
    }

    @Test
    void goalRecords() throws Exception {
        assertEquals(new CarrGoalEvent(1, "g-1", T, "2026-Q4", "usd", 5), CarrGoalConsumer.read(
                record(Topics.REVENUE_CARR_GOALS_V1, "2026-Q4", new CarrGoalEvent(1, "g-1", T, "2026-Q4", "USD", 5)), NOW));
        assertNamesField("quarter", goalRejected(new CarrGoalEvent(1, "g-1", T, "2026-4", "usd", 5)));
        assertNamesField("quarter", goalRejected(new CarrGoalEvent(1, "g-1", T, "2026-Q5", "usd", 5)));
        assertNamesField("quarter", goalRejected(new CarrGoalEvent(1, "g-1", T, null, "usd", 5)));
        assertNamesField("eventId", goalRejected(new CarrGoalEvent(1, null, T, "2026-Q4", "usd", 5)));
        assertNamesField("currency", goalRejected(new CarrGoalEvent(1, "g-1", T, "2026-Q4", null, 5)));
        assertNamesField("goalCents", goalRejected(new CarrGoalEvent(1, "g-1", T, "2026-Q4", "usd", -5)));
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
