package io.growthmetrics.contracts.rules;

import io.growthmetrics.contracts.revenue.CarrGoalEvent;
import io.growthmetrics.contracts.revenue.ContractEvent;
import io.growthmetrics.contracts.revenue.ProductCatalogEvent;
import io.growthmetrics.contracts.revenue.SubscriptionEvent;
import io.growthmetrics.contracts.revenue.SubscriptionItem;
import io.growthmetrics.contracts.revenue.SubscriptionSnapshot;
import io.growthmetrics.contracts.snapshot.DailySnapshot;
import io.growthmetrics.contracts.snapshot.FeatureMetric;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void featureMetrics() {
        assertOk(FeatureMetricRules.check(metric("tables.databases", "12", NOW, Map.of("tier", "pro")), NOW));
        assertFault("value", FeatureMetricRules.check(metric("m", "1e200000", NOW, Map.of()), NOW));
        assertFault("value", FeatureMetricRules.check(metric("m", "1e-40", NOW, Map.of()), NOW));
        assertFault("observedAt", FeatureMetricRules.check(metric("m", "1", Instant.parse("9999-12-31T00:00:00Z"),
                Map.of()), NOW));
        assertFault("observedAt", FeatureMetricRules.check(metric("m", "1", Instant.parse("2019-12-31T23:59:59Z"),
                Map.of()), NOW));
        assertFault("metric", FeatureMetricRules.check(metric("a b", "1", NOW, Map.of()), NOW));
        assertFault("metric", FeatureMetricRules.check(metric("m".repeat(201), "1", NOW, Map.of()), NOW));
        assertFault("labels.tier", FeatureMetricRules.check(metric("m", "1", NOW, Map.of("tier", "x".repeat(129))), NOW));
        assertFault("labels.tier", FeatureMetricRules.check(metric("m", "1", NOW, Map.of("tier", "a\u0000")), NOW));
        assertFault("labels key", FeatureMetricRules.check(metric("m", "1", NOW, Map.of("t\uD800", "a")), NOW));
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 17; i++) {
            many.put("k" + i, "v");
        }
        assertFault("labels", FeatureMetricRules.check(metric("m", "1", NOW, many), NOW));
        Map<String, String> wide = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            wide.put("k" + i, "v".repeat(128));
        }
        assertFault("series name", FeatureMetricRules.check(metric("m", "1", NOW, wide), NOW));
    }

    @Test
    void dailySnapshots() {
        LocalDate day = LocalDate.of(2026, 11, 27);
        assertOk(DailySnapshotRules.check(new DailySnapshot(1, day, Map.of("a", BigDecimal.ONE),
                List.of(new DailySnapshot.Failure("platform", "timed out"))), NOW));
        assertFault("date", DailySnapshotRules.check(new DailySnapshot(1, LocalDate.of(9999, 12, 31), Map.of(), null), NOW));
        assertFault("metrics.a", DailySnapshotRules.check(new DailySnapshot(1, day,
                Map.of("a", new BigDecimal("1e200000")), null), NOW));
        assertFault("metrics key", DailySnapshotRules.check(new DailySnapshot(1, day,
                Map.of("a".repeat(513), BigDecimal.ONE), null), NOW));
        assertFault("failures[0].error", DailySnapshotRules.check(new DailySnapshot(1, day, Map.of(),
                List.of(new DailySnapshot.Failure("platform", "a\u0000"))), NOW));
    }

    @Test
    void contracts() {
        assertOk(ContractRules.check(contract("Acme", LocalDate.of(2026, 10, 10)), NOW));
        assertFault("customer", ContractRules.check(contract("x".repeat(256), LocalDate.of(2026, 10, 10)), NOW));
        assertOk(ContractRules.check(contract("x".repeat(255), LocalDate.of(2026, 10, 10)), NOW));
        assertFault("customer", ContractRules.check(contract("a\u0000b", LocalDate.of(2026, 10, 10)), NOW));
        assertFault("signedDate", ContractRules.check(contract("Acme", LocalDate.of(10000, 1, 1)), NOW));
        assertFault("signedDate", ContractRules.check(contract("Acme", LocalDate.of(0, 1, 1)), NOW));
        assertFault("signedDate", ContractRules.check(contract("Acme", null), NOW));
        assertOk(ContractRules.check(contract("Acme", LocalDate.of(2100, 12, 31)), NOW));
    }

    @Test
    void carrGoals() {
        assertOk(CarrGoalRules.check(new CarrGoalEvent(1, "e1", NOW, "2026-Q4", "usd", 100), NOW));
        assertFault("quarter", CarrGoalRules.check(new CarrGoalEvent(1, "e1", NOW, "0000-Q4", "usd", 100), NOW));
        assertFault("quarter", CarrGoalRules.check(new CarrGoalEvent(1, "e1", NOW, "2101-Q1", "usd", 100), NOW));
        assertFault("quarter", CarrGoalRules.check(new CarrGoalEvent(1, "e1", NOW, "2026-Q5", "usd", 100), NOW));
        assertFault("goalCents", CarrGoalRules.check(new CarrGoalEvent(1, "e1", NOW, "2026-Q4", "usd", -1), NOW));
        assertFault("currency", CarrGoalRules.check(new CarrGoalEvent(1, "e1", NOW, "2026-Q4", "dollars", 1), NOW));
    }

    @Test
    void subscriptions() {
        assertOk(SubscriptionRules.check(subscription("cus_1", "1500"), NOW));
        assertFault("subscription.items[0].monthlyValue", SubscriptionRules.check(subscription("cus_1", "1e200000"), NOW));
        assertFault("subscription.items[0].monthlyValue",
                SubscriptionRules.check(subscription("cus_1", "-0.01"), NOW));
        assertFault("subscription.customerId", SubscriptionRules.check(subscription("c".repeat(256), "1"), NOW));
        assertFault("subscription.customerId", SubscriptionRules.check(subscription(null, "1"), NOW));
        SubscriptionEvent deletion = new SubscriptionEvent(1, "evt_2", "customer.subscription.deleted", NOW, "webhook",
                true, new SubscriptionSnapshot("sub_1", null, null, null, false, null, null, false, List.of()));
        assertOk(SubscriptionRules.check(deletion, NOW));
    }

    @Test
    void productCatalogs() {
        assertOk(ProductCatalogRules.check(new ProductCatalogEvent(1, NOW,
                List.of(new ProductCatalogEvent.Product("prod_1", "Starter"))), NOW));
        assertFault("products[1].productId", ProductCatalogRules.check(new ProductCatalogEvent(1, NOW,
                List.of(new ProductCatalogEvent.Product("prod_1", "Starter"),
                        new ProductCatalogEvent.Product("prod_1", "Again"))), NOW));
        assertFault("products[0].name", ProductCatalogRules.check(new ProductCatalogEvent(1, NOW,
                List.of(new ProductCatalogEvent.Product("prod_1", "n".repeat(256)))), NOW));
        assertFault("products", ProductCatalogRules.check(new ProductCatalogEvent(1, NOW, List.of()), NOW));
    }

    private static FeatureMetric metric(String name, String value, Instant at, Map<String, String> labels) {
        return new FeatureMetric(name, new BigDecimal(value), at, "test", labels);
    }

    private static ContractEvent contract(String customer, LocalDate signed) {
        return new ContractEvent(1, "e1", NOW, "c-1", customer, 100, "usd", "signed", signed, null, null);
    }

    private static SubscriptionEvent subscription(String customer, String monthly) {
        SubscriptionItem item = new SubscriptionItem("si_1", "price_1", "prod_1", 1, "month", 1, "licensed",
                new BigDecimal("1500"), new BigDecimal("1500"), new BigDecimal(monthly));
        return new SubscriptionEvent(1, "evt_1", "customer.subscription.updated", NOW, "webhook", false,
                new SubscriptionSnapshot("sub_1", customer, "active", "usd", false, null, null, false, List.of(item)));
    }

    private static void assertOk(Violations v) {
        assertTrue(v.isEmpty(), v.summary());
    }

    private static void assertFault(String field, Violations v) {
        assertEquals(List.of(field), v.fields(), v.summary());
    }
}
