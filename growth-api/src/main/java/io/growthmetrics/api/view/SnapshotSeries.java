package io.growthmetrics.api.view;

import io.growthmetrics.api.domain.DateRange;
import io.growthmetrics.api.domain.Echo;
import io.growthmetrics.api.domain.InvalidValueException;
import io.growthmetrics.api.domain.MetricValue;
import io.growthmetrics.api.domain.WeekCarryForward;
import io.smallrye.mutiny.Uni;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code snapshot:{metric}}: a snapshot metric (stored or derived) as a stock. A week's value is the metric's value
 * on the week's last day with a value, up to its closing day (Sunday, or {@code to}); a week without any value is
 * 0. An unknown metric is a 400 naming {@code series}, as any other unknown series.
 */
final class SnapshotSeries implements SeriesSource {

    static final String PREFIX = "snapshot:";

    private final String metric;
    private final SnapshotMetrics metrics;

    SnapshotSeries(String metric, SnapshotMetrics metrics) {
        this.metric = metric;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return PREFIX + metric;
    }

    @Override
    public Set<String> parameters() {
        return Set.of();
    }

    @Override
    public Uni<Void> requireKnown() {
        return metrics.isKnown(metric).flatMap(known -> known
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(new InvalidValueException("series",
                        "query parameter 'series' names no known snapshot metric: '" + Echo.bounded(metric) + "'")));
    }

    /** Expects {@link #requireKnown()} to have been checked. */
    @Override
    public Uni<Map<LocalDate, BigDecimal>> dailyValues(DateRange range, SeriesOptions options) {
        return metrics.values(metric, range).map(values -> WeekCarryForward.fill(range, values.stream()
                .collect(Collectors.toMap(MetricValue::date, MetricValue::value))));
    }
}
