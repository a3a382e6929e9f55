package io.growthmetrics.api.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.growthmetrics.api.config.GrowthApiConfig;
import io.growthmetrics.api.domain.DateRange;
import io.growthmetrics.api.domain.DerivedMetric;
import io.growthmetrics.api.domain.DerivedMetrics;
import io.growthmetrics.api.domain.LatestSnapshot;
import io.growthmetrics.api.domain.MetricSummary;
import io.growthmetrics.api.domain.MetricValue;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Snapshot metrics as the API shows them: the stored ones of {@link SnapshotView} plus the configured derived
 * metrics, computed per day. A metric is known when it has a stored value on some day or is configured as derived.
 * Eager, so a bad derived-metric configuration stops start-up instead of the first request.
 */
@Startup
@ApplicationScoped
public class SnapshotMetrics {

    private final SnapshotView view;
    private final DerivedMetrics derived;
    private final ObjectMapper json;

    public SnapshotMetrics(SnapshotView view, GrowthApiConfig config, ObjectMapper json) {
        this.view = view;
        this.json = json;
        this.derived = new DerivedMetrics(config.derivedMetrics().entrySet().stream()
                .map(e -> new DerivedMetric(e.getKey(), e.getValue().numerator(), e.getValue().denominator()))
                .toList());
    }

    public DerivedMetrics derived() {
        return derived;
    }

    /** Empty when there is no snapshot at all. */
    public Uni<Optional<LatestSnapshot>> latest() {
        return view.latestDay().flatMap(day -> day.isEmpty()
                ? Uni.createFrom().item(Optional.<LatestSnapshot>empty())
                : Uni.combine().all().unis(view.metricsOn(day.get()), view.failuresJson(day.get()))
                        .with((metrics, failures) -> Optional.of(
                                new LatestSnapshot(day.get(), derived.withDerived(metrics), parse(failures)))));
    }

    /** Every known metric, sorted by name; a derived metric without any value yet has null dates and value. */
    public Uni<List<MetricSummary>> summaries() {
        Set<String> inputs = derived.inputs();
        Uni<TreeMap<LocalDate, Map<String, BigDecimal>>> inputValues = inputs.isEmpty()
                ? Uni.createFrom().item(new TreeMap<>())
                : view.values(inputs, null);
        return Uni.combine().all().unis(view.summaries(), inputValues).with((stored, byDay) -> {
            Map<String, MetricSummary> all = new TreeMap<>();
            stored.forEach(summary -> all.put(summary.name(), summary));
            for (DerivedMetric metric : derived.all()) {
                all.put(metric.name(), MetricSummary.of(metric.name(), derivedValues(metric, byDay)));
            }
            return List.copyOf(all.values());
        });
    }

    /** Whether the metric is known at all (derived, or stored on some day). */
    public Uni<Boolean> isKnown(String name) {
        return derived.find(name).isPresent() ? Uni.createFrom().item(true) : view.exists(name);
    }

    /** The metric's values on the days of the range that have one, oldest first; does not check that it is known. */
    public Uni<List<MetricValue>> values(String name, DateRange range) {
        Optional<DerivedMetric> metric = derived.find(name);
        if (metric.isPresent()) {
            return view.values(List.of(metric.get().numerator(), metric.get().denominator()), range)
                    .map(byDay -> toList(derivedValues(metric.get(), byDay)));
        }
        return view.values(List.of(name), range).map(byDay -> {
            List<MetricValue> values = new ArrayList<>();
            byDay.forEach((day, metrics) -> values.add(new MetricValue(day, metrics.get(name))));
            return values;
        });
    }

    private static TreeMap<LocalDate, BigDecimal> derivedValues(DerivedMetric metric, TreeMap<LocalDate, Map<String, BigDecimal>> byDay) {
        TreeMap<LocalDate, BigDecimal> values = new TreeMap<>();
        byDay.forEach((day, metrics) -> metric.valueOn(metrics).ifPresent(value -> values.put(day, value)));
        return values;
    }

    private static List<MetricValue> toList(TreeMap<LocalDate, BigDecimal> values) {
        return values.entrySet().stream().map(e -> new MetricValue(e.getKey(), e.getValue())).toList();
    }

    private JsonNode parse(String failures) {
        try {
            return json.readTree(failures);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("read_snapshot_days.failures is not JSON", e);
        }
    }
}
