package io.growthmetrics.contracts.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A message on {@code feature-adoption.metrics.v1} (key = metric name): one observation of a metric, published by any
 * tool. Example: {@code {"metric":"tables.databases","value":12,"observedAt":"2026-11-22T10:00:00Z",
 * "source":"tables-team","labels":{"tier":"pro"}}}. Schema: {@code schemas/feature-adoption.metrics.v1.schema.json}.
 *
 * @param metric     dotted name, e.g. {@code tables.databases}; an unknown name is a new metric
 * @param value      the observed value (a count or a gauge)
 * @param observedAt when it was true; the snapshot of day D takes each series' latest observation up to the end of D
 * @param source     who published it (a team or tool)
 * @param labels     optional; each label set is its own series, named {@code metric{k=v,…}} with keys sorted
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record FeatureMetric(String metric, BigDecimal value, Instant observedAt, String source, Map<String, String> labels) {

    public FeatureMetric {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** The name of the series in snapshots: {@code metric} or {@code metric{k1=v1,k2=v2}} with keys sorted. */
    public String seriesName() {
        if (labels.isEmpty()) {
            return metric;
        }
        return new TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(",", metric + "{", "}"));
    }
}
