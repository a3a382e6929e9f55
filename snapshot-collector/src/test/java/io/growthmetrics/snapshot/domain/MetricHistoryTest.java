package io.growthmetrics.snapshot.domain;

import io.growthmetrics.contracts.snapshot.DailySnapshot;
import io.growthmetrics.contracts.snapshot.FeatureMetric;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MetricHistoryTest {

    private static final LocalDate D = LocalDate.parse("2026-11-22");

    private static FeatureMetric obs(String metric, String value, String at, Map<String, String> labels) {
        return new FeatureMetric(metric, new BigDecimal(value), Instant.parse(at), "test", labels);
    }

    private static FeatureMetric obs(String metric, String value, String at) {
        return obs(metric, value, at, null);
    }

    @Test
    void aSeriesFirstObservedOnDAppearsFromDOnNeverEarlier() {
        MetricHistory history = new MetricHistory();
        history.record(obs("tables.databases", "12", "2026-11-22T10:00:00Z"));
        assertEquals(Map.of(), history.valuesAt(D.minusDays(1)));
        assertEquals(Map.of("tables.databases", new BigDecimal("12")), history.valuesAt(D));
        assertEquals(Map.of("tables.databases", new BigDecimal("12")), history.valuesAt(D.plusDays(30)), "carried forward");
    }

    @Test
    void theDayEndsAtMidnightUtcInclusiveOfItsLastMillisecond() {
        MetricHistory history = new MetricHistory();
        history.record(obs("a", "1", "2026-11-22T23:59:59.999Z"));
        history.record(obs("b", "2", "2026-11-23T00:00:00Z"));
        history.record(obs("c", "3", "2026-11-22T00:00:00Z"));
        assertEquals(Map.of("a", new BigDecimal("1"), "c", new BigDecimal("3")), history.valuesAt(D));
        assertEquals(Instant.parse("2026-11-22T23:59:59.999Z"), MetricHistory.endOfDay(D));
    }

    @Test
    void lateAndEarlyObservationsLandOnTheirOwnDays() {
        MetricHistory history = new MetricHistory();
        history.record(obs("m", "10", "2026-11-21T12:00:00Z"));
        history.record(obs("m", "30", "2026-11-24T12:00:00Z")); // early: dated after D, recorded before the late one
        assertEquals(new BigDecimal("10"), history.valuesAt(D).get("m"));
        history.record(obs("m", "20", "2026-11-22T18:00:00Z")); // late: arrives after D was first taken
        assertEquals(new BigDecimal("10"), history.valuesAt(D.minusDays(1)).get("m"));
        assertEquals(new BigDecimal("20"), history.valuesAt(D).get("m"));
        assertEquals(new BigDecimal("20"), history.valuesAt(D.plusDays(1)).get("m"));
        assertEquals(new BigDecimal("30"), history.valuesAt(D.plusDays(2)).get("m"));
        history.record(obs("m", "15", "2026-11-22T06:00:00Z")); // late but older than what D has: no change
        assertEquals(new BigDecimal("20"), history.valuesAt(D).get("m"));
    }

    @Test
    void onATieTheLaterMessageWins() {
        MetricHistory history = new MetricHistory();
        history.record(obs("m", "1", "2026-11-22T10:00:00Z"));
        history.record(obs("m", "2", "2026-11-22T10:00:00Z"));
        assertEquals(new BigDecimal("2"), history.valuesAt(D).get("m"));
    }

    @Test
    void eachLabelSetIsItsOwnSeriesAndTheSnapshotIsSortedAndDeterministic() {
        MetricHistory history = new MetricHistory();
        history.record(obs("tables.databases", "5", "2026-11-22T10:00:00Z", Map.of("tier", "pro", "region", "eu")));
        history.record(obs("tables.databases", "7", "2026-11-22T10:00:00Z", Map.of("tier", "starter")));
        history.record(obs("tables.databases", "12", "2026-11-22T10:00:00Z"));
        history.record(obs("mqtt.clients", "3", "2026-11-20T10:00:00Z"));
        DailySnapshot snapshot = history.snapshot(D, List.of());
        assertEquals(List.of("mqtt.clients", "tables.databases", "tables.databases{region=eu,tier=pro}",
                "tables.databases{tier=starter}"), List.copyOf(snapshot.metrics().keySet()));
        assertEquals(snapshot, history.snapshot(D, List.of()));
        assertEquals(4, history.seriesCount());
        DailySnapshot failed = history.snapshot(D, List.of(new DailySnapshot.Failure("platform", "HTTP 503 after 3 tries")));
        assertEquals(snapshot.metrics(), failed.metrics());
        assertEquals(1, failed.failures().size());
    }
}
