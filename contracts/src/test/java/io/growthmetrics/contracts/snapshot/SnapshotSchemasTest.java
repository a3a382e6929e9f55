package io.growthmetrics.contracts.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.growthmetrics.contracts.EventJson;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The documented schemas of the feature-adoption and snapshot topics agree with the records. */
class SnapshotSchemasTest {

    private static final JsonSchema METRIC = load("feature-adoption.metrics.v1");
    private static final JsonSchema SNAPSHOT = load("snapshots.daily.v1");

    @Test
    void aFeatureMetricWithLabelsValidatesAndRoundTrips() throws Exception {
        FeatureMetric metric = new FeatureMetric("tables.databases", new BigDecimal("12"),
                Instant.parse("2026-11-22T10:00:00Z"), "tables-team", Map.of("tier", "pro", "region", "eu"));
        JsonNode json = EventJson.mapper().valueToTree(metric);
        assertEquals(Set.of(), METRIC.validate(json));
        assertEquals(metric, EventJson.mapper().treeToValue(json, FeatureMetric.class));
        assertEquals("2026-11-22T10:00:00Z", json.get("observedAt").asText());
        assertEquals("tables.databases{region=eu,tier=pro}", metric.seriesName());
    }

    @Test
    void theDocumentedExampleAndAMetricWithoutLabelsValidate() throws Exception {
        JsonNode example = EventJson.mapper().readTree("{\"metric\": \"tables.databases\", \"value\": 12, "
                + "\"observedAt\": \"2026-11-22T10:00:00Z\", \"source\": \"tables-team\", \"labels\": {\"tier\": \"pro\"}}");
        assertEquals(Set.of(), METRIC.validate(example));
        JsonNode plain = EventJson.mapper().valueToTree(new FeatureMetric("platform.teamsByType.Starter",
                new BigDecimal("41.5"), Instant.parse("2026-11-22T23:59:59.999Z"), "platform", null));
        assertEquals(Set.of(), METRIC.validate(plain));
        assertFalse(plain.has("labels"), "no empty labels on the wire");
    }

    @Test
    void theMetricSchemaRejectsMalformedObservations() throws Exception {
        ObjectNode good = (ObjectNode) EventJson.mapper().readTree("{\"metric\":\"mqtt.clients\",\"value\":3,"
                + "\"observedAt\":\"2026-11-22T10:00:00Z\",\"source\":\"mqtt-team\"}");
        ObjectNode stringValue = good.deepCopy().put("value", "3");
        ObjectNode badName = good.deepCopy().put("metric", "mqtt clients");
        ObjectNode longName = good.deepCopy().put("metric", "a".repeat(201));
        ObjectNode badTime = good.deepCopy().put("observedAt", "yesterday");
        ObjectNode noValue = good.deepCopy();
        noValue.remove("value");
        ObjectNode numericLabel = good.deepCopy();
        numericLabel.putObject("labels").put("tier", 1);
        ObjectNode extra = good.deepCopy().put("unit", "clients");
        for (JsonNode bad : List.of(stringValue, badName, longName, badTime, noValue, numericLabel, extra)) {
            assertFalse(METRIC.validate(bad).isEmpty(), bad.toString());
        }
    }

    @Test
    void aSnapshotValidatesAndRoundTrips() throws Exception {
        Map<String, BigDecimal> metrics = new TreeMap<>(Map.of("platform.teamCount", new BigDecimal("412"),
                "tables.databases{tier=pro}", new BigDecimal("12"), "mqtt.clients", new BigDecimal("3.25")));
        DailySnapshot snapshot = new DailySnapshot(1, LocalDate.parse("2026-11-22"), metrics,
                List.of(new DailySnapshot.Failure("platform", "HTTP 503 after 3 tries")));
        JsonNode json = EventJson.mapper().valueToTree(snapshot);
        assertEquals(Set.of(), SNAPSHOT.validate(json));
        assertEquals(snapshot, EventJson.mapper().treeToValue(json, DailySnapshot.class));
        assertEquals("2026-11-22", json.get("date").asText());
        assertEquals(List.of("mqtt.clients", "platform.teamCount", "tables.databases{tier=pro}"),
                List.copyOf(iterable(json.get("metrics"))), "sorted by name");

        JsonNode empty = EventJson.mapper().valueToTree(new DailySnapshot(1, LocalDate.parse("2026-11-23"), null, null));
        assertEquals(Set.of(), SNAPSHOT.validate(empty));
    }

    @Test
    void theSnapshotSchemaRejectsWhatProducersMustNotWrite() {
        ObjectNode json = EventJson.mapper().valueToTree(new DailySnapshot(1, LocalDate.parse("2026-11-22"),
                Map.of("a", BigDecimal.ONE), List.of()));
        ObjectNode wrongVersion = json.deepCopy().put("schemaVersion", 2);
        ObjectNode stringValue = json.deepCopy();
        ((ObjectNode) stringValue.get("metrics")).put("b", "2");
        ObjectNode takenAt = json.deepCopy().put("takenAt", "2026-11-23T00:05:00Z");
        ObjectNode noFailures = json.deepCopy();
        noFailures.remove("failures");
        for (JsonNode bad : List.of(wrongVersion, stringValue, takenAt, noFailures)) {
            assertFalse(SNAPSHOT.validate(bad).isEmpty(), bad.toString());
        }
    }

    private static List<String> iterable(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonSchema load(String topic) {
        try (InputStream in = SnapshotSchemasTest.class.getResourceAsStream("/schemas/" + topic + ".schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
