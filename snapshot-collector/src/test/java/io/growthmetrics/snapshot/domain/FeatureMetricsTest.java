package io.growthmetrics.snapshot.domain;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.growthmetrics.contracts.snapshot.FeatureMetric;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

    private static FeatureMetric http(String json) throws Exception {
        return FeatureMetrics.parse(JSON.readTree(json), NOW, true, "");
    }

    private static List<String> problems(String json, Instant defaultObservedAt, boolean sourceRequired) throws Exception {
        JsonNode node = JSON.readTree(json);
        return assertThrows(InvalidMetricException.class,
                () -> FeatureMetrics.parse(node, defaultObservedAt, sourceRequired, "")).problems();
    }

    @Test
    void theDocumentedExampleIsReadWithItsSeriesName() throws Exception {
        FeatureMetric m = http("{\"metric\": \"tables.databases\", \"value\": 12, \"observedAt\": \"2026-11-22T10:00:00Z\", "
                + "\"source\": \"tables-team\", \"labels\": {\"tier\": \"pro\"}}");
        assertEquals(new FeatureMetric("tables.databases", new BigDecimal("12"), Instant.parse("2026-11-22T10:00:00Z"),
                "tables-team", Map.of("tier", "pro")), m);
        assertEquals("tables.databases{tier=pro}", m.seriesName());
    }

    @Test
    void labelKeysAreSortedInTheSeriesName() throws Exception {
        FeatureMetric m = http("{\"metric\":\"mqtt.clients\",\"value\":3.5,\"source\":\"mqtt\","
                + "\"labels\":{\"tier\":\"pro\",\"region\":\"eu\",\"b\":\"x\"}}");
        assertEquals("mqtt.clients{b=x,region=eu,tier=pro}", m.seriesName());
        assertEquals(NOW, m.observedAt(), "observedAt defaults to now over HTTP");
        assertEquals(new BigDecimal("3.5"), m.value());
        assertEquals("mqtt.clients", http("{\"metric\":\"mqtt.clients\",\"value\":1,\"source\":\"s\",\"labels\":{}}")
                .seriesName());
    }

    @Test
    void everyProblemIsReported() throws Exception {
        List<String> problems = problems("{\"metric\":\"bad name!\",\"value\":\"12\",\"observedAt\":\"yesterday\","
                + "\"source\":\" \",\"labels\":{\"tier\":1,\" \":\"x\"}}", NOW, true);
        assertEquals(6, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("may only contain letters, digits and _ . : -"), problems.get(0));
        assertEquals("value must be a number", problems.get(1));
        assertTrue(problems.get(2).startsWith("observedAt must be an ISO-8601 instant"), problems.get(2));
        assertEquals("source must be a non-blank string", problems.get(3));
        assertEquals("label 'tier' must have a non-blank string value", problems.get(4));
        assertEquals("label keys must be non-blank", problems.get(5));
    }

    @Test
    void namesAreBoundedAndRequired() throws Exception {
        assertEquals(List.of("metric must be at most 200 characters"),
                problems("{\"metric\":\"" + "a".repeat(201) + "\",\"value\":1,\"source\":\"s\"}", NOW, true));
        assertEquals("a".repeat(200), http("{\"metric\":\"" + "a".repeat(200) + "\",\"value\":1,\"source\":\"s\"}").metric());
        assertEquals(List.of("metric is required", "value is required", "source is required (who publishes it, e.g. tables-team)"),
                problems("{}", NOW, true));
        assertEquals(List.of("metric must be a non-blank name"), problems("{\"metric\":\"\",\"value\":1,\"source\":\"s\"}", NOW, true));
        assertEquals(List.of("an observation must be a JSON object"), problems("[]", NOW, true));
        assertEquals("ns:feature_x-1.count", http("{\"metric\":\"ns:feature_x-1.count\",\"value\":0,\"source\":\"s\"}").metric());
    }

    @Test
    void onTheTopicObservedAtIsRequiredAndSourceTolerated() throws Exception {
        assertEquals(List.of("observedAt is required"), problems("{\"metric\":\"a\",\"value\":1}", null, false));
        FeatureMetric m = FeatureMetrics.parse(JSON.readTree("{\"metric\":\"a\",\"value\":1,\"observedAt\":\"2026-11-22T10:00:00Z\"}"),
                null, false, "");
        assertEquals(Instant.parse("2026-11-22T10:00:00Z"), m.observedAt());
        assertEquals(List.of("observedAt must be an ISO-8601 instant string, e.g. 2026-11-22T10:00:00Z"),
                problems("{\"metric\":\"a\",\"value\":1,\"observedAt\":1700000000}", null, false));
    }

    @Test
    void nonFiniteNumbersAreRefused() throws Exception {
        JsonNode node = new ObjectMapper().createObjectNode().put("metric", "a").put("value", Double.NaN).put("source", "s");
        assertEquals(List.of("value must be a finite number"),
                assertThrows(InvalidMetricException.class, () -> FeatureMetrics.parse(node, NOW, true, "")).problems());
    }

    @Test
    void whatKpiServiceCannotStoreIsRefusedNamingTheField() throws Exception {
        assertEquals(List.of("value"), fields("{\"metric\":\"a\",\"value\":1e200000,\"source\":\"s\"}"));
        assertEquals(List.of("labels.tier"), fields("{\"metric\":\"a\",\"value\":1,\"source\":\"s\",\"labels\":{\"tier\":\""
                + "x".repeat(129) + "\"}}"));
        assertEquals(List.of("labels.tier"), fields("{\"metric\":\"a\",\"value\":1,\"source\":\"s\",\"labels\":{\"tier\":\"a\\u0000b\"}}"));
        assertEquals(List.of("source"), fields("{\"metric\":\"a\",\"value\":1,\"source\":\"\\ud800\"}"));
        assertEquals(List.of("observedAt"), fields("{\"metric\":\"a\",\"value\":1,\"source\":\"s\",\"observedAt\":\"9999-12-31T00:00:00Z\"}"));
        assertEquals(List.of("observedAt"), fields("{\"metric\":\"a\",\"value\":1,\"source\":\"s\",\"observedAt\":\"2019-12-31T00:00:00Z\"}"));
        assertEquals(List.of("metric"), fields("{\"metric\":\"a\\u0000\",\"value\":1,\"source\":\"s\"}"));
        StringBuilder many = new StringBuilder("{\"metric\":\"a\",\"value\":1,\"source\":\"s\",\"labels\":{");
        for (int i = 0; i < 17; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        assertEquals(List.of("labels"), fields(many.append("}}").toString()));
    }

    private static List<String> fields(String json) throws Exception {
        JsonNode node = JSON.readTree(json);
        return assertThrows(InvalidMetricException.class, () -> FeatureMetrics.parse(node, NOW, true, "", NOW)).fields();
    }
}
