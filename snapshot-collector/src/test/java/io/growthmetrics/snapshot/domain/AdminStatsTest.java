package io.growthmetrics.snapshot.domain;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.growthmetrics.snapshot.support.FakePlatform;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminStatsTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private static SortedMap<String, BigDecimal> flatten(String json) throws Exception {
        return AdminStats.flatten(JSON.readTree(json));
    }

    @Test
    void everyNumberOfAFullAnswerBecomesAPlatformMetricNamedByItsPath() throws Exception {
        SortedMap<String, BigDecimal> metrics = flatten(FakePlatform.STATS);
        assertEquals(new BigDecimal("412"), metrics.get("platform.teamCount"));
        assertEquals(new BigDecimal("1523"), metrics.get("platform.userCount"));
        assertEquals(new BigDecimal("301"), metrics.get("platform.teamsByType.Starter"));
        assertEquals(new BigDecimal("23"), metrics.get("platform.teamsByType.Enterprise"));
        assertEquals(new BigDecimal("598"), metrics.get("platform.instancesByState.running"));
        assertEquals(new BigDecimal("88"), metrics.get("platform.devicesByLastSeen.never"));
        assertEquals(new BigDecimal("209"), metrics.get("platform.devicesByMode.developer"));
        assertEquals(new BigDecimal("3"), metrics.get("platform.teamsByBillingState.past_due"));
        assertEquals(new BigDecimal("50"), metrics.get("platform.trialsByState.week_email_sent"));
        assertEquals(new BigDecimal("175"), metrics.get("platform.mqttClientCount"));
        assertEquals(new BigDecimal("37"), metrics.get("platform.tablesDatabaseCount"), "unknown fields included");
        assertFalse(metrics.containsKey("platform.licenseType"), "strings ignored");
        assertFalse(metrics.containsKey("platform.billingEnabled"), "booleans ignored");
        assertFalse(metrics.containsKey("platform.note"), "nulls ignored");
        assertFalse(metrics.containsKey("platform.teamsByType"), "objects are not numbers");
        assertEquals(13 + 3 + 3 + 2 + 5 + 5 + 5, metrics.size(), metrics.toString());
        assertEquals(List.copyOf(new java.util.TreeSet<>(metrics.keySet())), List.copyOf(metrics.keySet()), "sorted");
    }

    @Test
    void deeperNestingArraysDecimalsAndAwkwardKeys() throws Exception {
        SortedMap<String, BigDecimal> metrics = flatten("""
                {"a":{"b":{"c":1.50}},"list":[4,{"x":5}],"teamsByType":{"Enterprise Plus":2,"v1.2":3,"":4},
                 "neg":-7,"big":12345678901234567890}""");
        assertEquals(Map.of("platform.a.b.c", new BigDecimal("1.50"), "platform.list.0", new BigDecimal("4"),
                "platform.list.1.x", new BigDecimal("5"), "platform.teamsByType.Enterprise_Plus", new BigDecimal("2"),
                "platform.teamsByType.v1_2", new BigDecimal("3"), "platform.teamsByType._", new BigDecimal("4"),
                "platform.neg", new BigDecimal("-7"), "platform.big", new BigDecimal("12345678901234567890")), metrics);
        metrics.keySet().forEach(name -> assertTrue(FeatureMetrics.nameProblem(name).isEmpty(), name));
    }

    @Test
    void anAnswerThatIsNotAnObjectIsRefused() throws Exception {
        JsonNode array = JSON.readTree("[1,2]");
        assertThrows(IllegalArgumentException.class, () -> AdminStats.flatten(array));
        assertEquals(Map.of(), flatten("{}"));
    }
}
