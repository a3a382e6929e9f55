package io.growthmetrics.api.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DerivedMetricTest {

    private static final DerivedMetric TABLES = new DerivedMetric("adoption.tables", "tables.databases", "platform.teamCount");

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void dividesExactlyToSixDecimalsHalfUp() {
        assertEquals(d("0.250000"), DerivedMetric.ratio(d("6"), d("24")).orElseThrow());
        assertEquals(d("0.666667"), DerivedMetric.ratio(d("2"), d("3")).orElseThrow());
        assertEquals(d("0.333333"), DerivedMetric.ratio(d("1"), d("3")).orElseThrow());
        assertEquals(d("0.000001"), DerivedMetric.ratio(d("1"), d("2000000")).orElseThrow()); // 0.0000005 rounds up
        assertEquals(d("0.000000"), DerivedMetric.ratio(d("1"), d("2000001")).orElseThrow());
        assertEquals(d("-0.500000"), DerivedMetric.ratio(d("-1"), d("2")).orElseThrow());
        assertEquals(d("1.500000"), DerivedMetric.ratio(d("3.75"), d("2.5")).orElseThrow());
        assertEquals(d("12345678901234567890.000000"), DerivedMetric.ratio(d("12345678901234567890"), d("1")).orElseThrow());
    }

    @Test
    void hasNoValueWithoutBothInputsOrWithAZeroDenominator() {
        assertTrue(DerivedMetric.ratio(d("1"), d("0")).isEmpty());
        assertTrue(DerivedMetric.ratio(d("0"), d("0.000")).isEmpty());
        assertTrue(DerivedMetric.ratio(null, d("3")).isEmpty());
        assertTrue(DerivedMetric.ratio(d("3"), null).isEmpty());
        assertEquals(d("0.000000"), DerivedMetric.ratio(d("0"), d("7")).orElseThrow());
    }

    @Test
    void readsItsInputsFromTheDaysMetrics() {
        assertEquals(d("0.500000"), TABLES.valueOn(Map.of("tables.databases", d("12"), "platform.teamCount", d("24"), "x", d("1")))
                .orElseThrow());
        assertTrue(TABLES.valueOn(Map.of("tables.databases", d("12"))).isEmpty());
    }

    @Test
    void addsDerivedMetricsToADaySortedByCodePoint() {
        DerivedMetrics derived = new DerivedMetrics(List.of(TABLES,
                new DerivedMetric("adoption.never", "tables.databases", "missing")));
        Map<String, BigDecimal> day = derived.withDerived(Map.of(
                "tables.databases", d("6"), "platform.teamCount", d("24"), "Zeta", d("1"), "mqtt.clients{tier=pro}", d("3")));
        assertEquals(List.of("Zeta", "adoption.tables", "mqtt.clients{tier=pro}", "platform.teamCount", "tables.databases"),
                List.copyOf(day.keySet()));
        assertEquals(d("0.250000"), day.get("adoption.tables"));
    }

    @Test
    void aDerivedNameHidesAStoredMetricOfTheSameName() {
        DerivedMetrics derived = new DerivedMetrics(List.of(TABLES));
        assertEquals(d("0.500000"), derived.withDerived(Map.of("adoption.tables", d("99"), "tables.databases", d("1"),
                "platform.teamCount", d("2"))).get("adoption.tables"));
        assertTrue(!derived.withDerived(Map.of("adoption.tables", d("99"))).containsKey("adoption.tables"));
    }

    @Test
    void listsItsInputs() {
        DerivedMetrics derived = new DerivedMetrics(List.of(TABLES,
                new DerivedMetric("adoption.mqtt", "mqtt.clients{tier=pro}", "platform.teamCount")));
        assertEquals(java.util.Set.of("tables.databases", "platform.teamCount", "mqtt.clients{tier=pro}"), derived.inputs());
    }

    @Test
    void rejectsBadConfiguration() {
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> new DerivedMetric("adoption.x", "", "platform.teamCount"));
        assertTrue(blank.getMessage().contains("growth-api.derived-metrics.\"adoption.x\".numerator"), blank.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DerivedMetric("adoption.x", "a", null));
        IllegalArgumentException chained = assertThrows(IllegalArgumentException.class, () -> new DerivedMetrics(List.of(TABLES,
                new DerivedMetric("adoption.double", "adoption.tables", "platform.teamCount"))));
        assertTrue(chained.getMessage().contains("uses derived metric adoption.tables"), chained.getMessage());
    }
}
