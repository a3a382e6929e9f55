package io.growthmetrics.contracts.revenue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.growthmetrics.contracts.EventJson;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The documented revenue schemas and the records agree: what producers write validates, what they must not does not. */
class RevenueEventSchemasTest {

    private static final JsonSchema SUBSCRIPTIONS = load("revenue.subscriptions.v1");
    private static final JsonSchema CONTRACTS = load("revenue.contracts.v1");
    private static final JsonSchema GOALS = load("revenue.carr-goals.v1");
    private static final JsonSchema PRODUCTS = load("revenue.products.v1");

    private static SubscriptionEvent subscriptionEvent() {
        SubscriptionItem plan = new SubscriptionItem("si_plan", "price_pro_month", "prod_pro", 1, "month", 1, "licensed",
                new BigDecimal("30000"), new BigDecimal("30000"), new BigDecimal("24000"));
        SubscriptionItem weekly = new SubscriptionItem("si_week", "price_remote_week", "prod_pro_remote", 1, "week", 1,
                "licensed", new BigDecimal("2900"), new BigDecimal("12566.66666666666666666666666666667"),
                new BigDecimal("10053.33333333333333333333333333334"));
        SubscriptionItem tiered = new SubscriptionItem("si_tiered", "price_tiered", "prod_pro_small", 12, "year", 1,
                "licensed", null, new BigDecimal("566.6666666666666666666666666666667"),
                new BigDecimal("566.6666666666666666666666666666667"));
        SubscriptionItem metered = new SubscriptionItem("si_usage", "price_usage", "prod_pro", 0, "month", 1, "metered",
                new BigDecimal("0.25"), BigDecimal.ZERO, BigDecimal.ZERO);
        return new SubscriptionEvent(1, "evt_1SZb3nLkdIwHu7ix0aBcDeFg", "customer.subscription.updated",
                Instant.parse("2026-11-23T10:15:30Z"), "webhook", false,
                new SubscriptionSnapshot("sub_1SZb3nLkdIwHu7ix", "cus_TQx9", "active", "usd", true,
                        Instant.parse("2026-12-23T10:15:30Z"), Instant.parse("2026-11-23T10:15:30Z"), false,
                        List.of(plan, weekly, tiered, metered)));
    }

    private static ContractEvent contractEvent() {
        return new ContractEvent(1, "0b8f2d4e-6a1c-4e3b-9f7d-2c5a8e1b3d90", Instant.parse("2026-11-23T10:00:00.123Z"),
                "crm-42", "ACME Corp", 4_800_000, "usd", "signed", LocalDate.parse("2026-11-02"), null,
                LocalDate.parse("2027-01-01"));
    }

    @Test
    void everySchemaHasAnAbsoluteIdNamingItsTopic() throws Exception {
        for (String topic : List.of("revenue.subscriptions.v1", "revenue.contracts.v1", "revenue.carr-goals.v1",
                "revenue.products.v1")) {
            try (InputStream in = getClass().getResourceAsStream("/schemas/" + topic + ".schema.json")) {
                JsonNode schema = EventJson.mapper().readTree(in);
                URI id = URI.create(schema.get("$id").asText());
                assertTrue(id.isAbsolute(), id.toString());
                assertEquals("urn:growthmetrics:schema:" + topic, id.toString());
                assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText());
            }
        }
    }

    @Test
    void aSubscriptionEventValidatesRoundTripsAndCarriesExactNumbers() throws Exception {
        SubscriptionEvent event = subscriptionEvent();
        JsonNode json = EventJson.mapper().valueToTree(event);
        assertEquals(Set.of(), SUBSCRIPTIONS.validate(json));
        String text = EventJson.mapper().writeValueAsString(event);
        assertEquals(event, EventJson.mapper().readValue(text, SubscriptionEvent.class));
        assertTrue(text.contains("\"monthlyValueBeforeDiscounts\":12566.66666666666666666666666666667"),
                "a JSON number with every digit: " + text);
        assertTrue(text.contains("\"eventCreated\":\"2026-11-23T10:15:30Z\""), text);
        JsonNode tiered = json.get("subscription").get("items").get(2);
        assertFalse(tiered.has("unitAmountDecimal"), "absent for tiered prices, not null");
        assertTrue(json.get("subscription").get("items").get(0).get("monthlyValue").isNumber());
    }

    @Test
    void aBackfillSnapshotAndADeletionValidate() {
        SubscriptionEvent webhook = subscriptionEvent();
        SubscriptionEvent backfill = new SubscriptionEvent(1, "backfill:sub_1SZb3nLkdIwHu7ix:1763892930",
                SubscriptionEvent.TYPE_BACKFILL, Instant.ofEpochSecond(1763892930L), SubscriptionEvent.SOURCE_BACKFILL,
                false, webhook.subscription());
        SubscriptionEvent deleted = new SubscriptionEvent(1, "evt_2", "customer.subscription.deleted",
                Instant.parse("2026-11-24T00:00:00Z"), "webhook", true,
                new SubscriptionSnapshot("sub_1", "cus_1", "canceled", "eur", false, null,
                        Instant.parse("2026-11-24T00:00:00Z"), false, List.of()));
        assertEquals(Set.of(), SUBSCRIPTIONS.validate(EventJson.mapper().valueToTree(backfill)));
        JsonNode deletedJson = EventJson.mapper().valueToTree(deleted);
        assertEquals(Set.of(), SUBSCRIPTIONS.validate(deletedJson));
        assertFalse(deletedJson.get("subscription").has("cancelAt"), "absent, not null");
    }

    @Test
    void theSubscriptionSchemaRejectsWhatProducersMustNotWrite() {
        ObjectNode json = EventJson.mapper().valueToTree(subscriptionEvent());
        assertRejected(SUBSCRIPTIONS, json,
                j -> j.put("schemaVersion", 2),
                j -> j.put("source", "import"),
                j -> j.put("eventId", "not-a-stripe-id"),
                j -> j.remove("deleted"),
                j -> ((ObjectNode) j.get("subscription")).put("currency", "USD"),
                j -> ((ObjectNode) j.get("subscription")).remove("items"),
                j -> item(j).put("monthlyValue", -1),
                j -> item(j).put("monthlyValue", "24000"),
                j -> item(j).put("interval", "fortnight"),
                j -> item(j).put("usageType", "per_seat"),
                j -> item(j).put("mrr", 1),
                j -> item(j).remove("monthlyValueBeforeDiscounts"));
    }

    @Test
    void aContractEventValidatesAndRoundTrips() throws Exception {
        ContractEvent signed = contractEvent();
        JsonNode json = EventJson.mapper().valueToTree(signed);
        assertEquals(Set.of(), CONTRACTS.validate(json));
        assertEquals(signed, EventJson.mapper().treeToValue(json, ContractEvent.class));
        assertEquals("2026-11-02", json.get("signedDate").asText());
        assertFalse(json.has("expectedCloseDate"));

        ContractEvent pipeline = new ContractEvent(1, "1b8f2d4e-6a1c-4e3b-9f7d-2c5a8e1b3d90",
                Instant.parse("2026-11-23T10:00:00Z"), "0b8f2d4e-6a1c-4e3b-9f7d-2c5a8e1b3d91", "Initech", 0, "eur",
                "pipeline", null, LocalDate.parse("2026-12-15"), null);
        assertEquals(Set.of(), CONTRACTS.validate(EventJson.mapper().valueToTree(pipeline)));
    }

    @Test
    void theContractSchemaRejectsWhatProducersMustNotWrite() {
        ObjectNode json = EventJson.mapper().valueToTree(contractEvent());
        assertRejected(CONTRACTS, json,
                j -> j.remove("signedDate"),
                j -> j.put("status", "won"),
                j -> j.put("status", "pipeline"),
                j -> j.put("annualValueCents", -1),
                j -> j.put("annualValueCents", 12.5),
                j -> j.put("currency", "USD"),
                j -> j.put("customer", ""),
                j -> j.remove("customer"),
                j -> j.put("contractId", "has space"),
                j -> j.put("owner", "me"));
    }

    @Test
    void aCarrGoalEventValidatesAndRoundTrips() throws Exception {
        CarrGoalEvent goal = new CarrGoalEvent(1, "0b8f2d4e-6a1c-4e3b-9f7d-2c5a8e1b3d90",
                Instant.parse("2026-11-23T10:00:00Z"), "2026-Q4", "usd", 250_000_000L);
        ObjectNode json = EventJson.mapper().valueToTree(goal);
        assertEquals(Set.of(), GOALS.validate(json));
        assertEquals(goal, EventJson.mapper().treeToValue(json, CarrGoalEvent.class));
        assertRejected(GOALS, json,
                j -> j.put("quarter", "2026-Q5"),
                j -> j.put("quarter", "Q4-2026"),
                j -> j.put("goalCents", -5),
                j -> j.remove("currency"));
    }

    @Test
    void aProductCatalogEventValidatesAndRoundTrips() throws Exception {
        ProductCatalogEvent catalog = new ProductCatalogEvent(1, Instant.parse("2026-11-23T10:00:00Z"), List.of(
                new ProductCatalogEvent.Product("prod_starter", "FlowFuse Cloud - Starter"),
                new ProductCatalogEvent.Product("prod_pro_remote", "Pro - Remote Instance Add-On")));
        ObjectNode json = EventJson.mapper().valueToTree(catalog);
        assertEquals(Set.of(), PRODUCTS.validate(json));
        assertEquals(catalog, EventJson.mapper().treeToValue(json, ProductCatalogEvent.class));
        assertRejected(PRODUCTS, json,
                j -> j.set("products", EventJson.mapper().createArrayNode()),
                j -> ((ObjectNode) j.get("products").get(0)).remove("name"),
                j -> ((ObjectNode) j.get("products").get(0)).put("productId", "prod with space"),
                j -> j.remove("publishedAt"));
    }

    private static ObjectNode item(ObjectNode event) {
        return (ObjectNode) ((ArrayNode) event.get("subscription").get("items")).get(0);
    }

    @SafeVarargs
    private static void assertRejected(JsonSchema schema, ObjectNode valid, Consumer<ObjectNode>... changes) {
        assertEquals(Set.of(), schema.validate(valid));
        for (Consumer<ObjectNode> change : changes) {
            ObjectNode bad = valid.deepCopy();
            change.accept(bad);
            assertFalse(schema.validate(bad).isEmpty(), "should be rejected: " + bad);
        }
    }

    private static JsonSchema load(String topic) {
        try (InputStream in = RevenueEventSchemasTest.class.getResourceAsStream("/schemas/" + topic + ".schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
