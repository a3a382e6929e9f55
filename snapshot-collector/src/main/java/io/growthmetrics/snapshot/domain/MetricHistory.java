package io.growthmetrics.snapshot.domain;

import io.growthmetrics.contracts.snapshot.DailySnapshot;
import io.growthmetrics.contracts.snapshot.FeatureMetric;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every observation ever seen, per series ({@link FeatureMetric#seriesName()}), by observedAt. The snapshot of day D
 * (UTC) holds, for every series, the value of its latest observation at or before the end of D; a series first
 * observed on D appears from D on, never earlier. Two observations of a series at the same instant: the one recorded
 * later wins (the later message on the topic). Thread-safe.
 */
public final class MetricHistory {

    private final Map<String, NavigableMap<Instant, BigDecimal>> series = new HashMap<>();

    /**
     * Records the observation, unless it would start a series beyond {@code maxSeries} (then nothing changes).
     *
     * @return false when refused for that reason
     */
    public synchronized boolean record(FeatureMetric observation, int maxSeries) {
        String name = observation.seriesName();
        if (!series.containsKey(name) && series.size() >= maxSeries) {
            return false;
        }
        series.computeIfAbsent(name, k -> new TreeMap<>()).put(observation.observedAt(), observation.value());
        return true;
    }

    public synchronized void record(FeatureMetric observation) {
        record(observation, Integer.MAX_VALUE);
    }

    public synchronized boolean has(String seriesName) {
        return series.containsKey(seriesName);
    }

    /** Series name → value at the end of the day, sorted by name. */
    public synchronized SortedMap<String, BigDecimal> valuesAt(LocalDate day) {
        Instant dayAfter = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        SortedMap<String, BigDecimal> values = new TreeMap<>();
        series.forEach((name, observations) -> {
            Map.Entry<Instant, BigDecimal> latest = observations.lowerEntry(dayAfter);
            if (latest != null) {
                values.put(name, latest.getValue());
            }
        });
        return values;
    }

    /** The snapshot of the day: nothing in it depends on when it is taken. */
    public DailySnapshot snapshot(LocalDate day, List<DailySnapshot.Failure> failures) {
        return new DailySnapshot(DailySnapshot.SCHEMA_VERSION, day, valuesAt(day), failures);
    }

    public synchronized int seriesCount() {
        return series.size();
    }

    /** The last instant of the day, {@code D 23:59:59.999Z}: when the platform's closing state of D is dated. */
    public static Instant endOfDay(LocalDate day) {
        return day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1);
    }
}
