package io.growthmetrics.contracts.rules;

import io.growthmetrics.contracts.snapshot.DailySnapshot;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The rules of a {@code snapshots.daily.v1} snapshot, as kpi-service stores it: the day in {@code snapshot_day.day}
 * (not before {@link EventTimes#EARLIEST_DAY}, not after tomorrow), each series in {@code snapshot_metric}
 * ({@code name varchar(512)}, {@code value numeric} within {@link FeatureMetricRules}' digits), the failures in
 * {@code snapshot_day.failures jsonb}.
 */
public final class DailySnapshotRules {

    /** Series in one snapshot. */
    public static final int MAX_METRICS = 10_000;
    public static final int MAX_FAILURES = 100;
    public static final int FAILURE_SOURCE = 64;
    public static final int FAILURE_ERROR = 2048;

    private DailySnapshotRules() {
    }

    public static Violations check(DailySnapshot s, Instant now) {
        Violations v = new Violations().required("date", s.date())
                .date("date", s.date(), EventTimes.EARLIEST_DAY,
                        LocalDate.ofInstant(EventTimes.latestObservation(now), ZoneOffset.UTC));
        if (s.metrics().size() > MAX_METRICS) {
            v.field("metrics", "'metrics' has " + s.metrics().size() + " series, at most " + MAX_METRICS + " allowed");
        }
        for (Map.Entry<String, BigDecimal> metric : s.metrics().entrySet()) {
            String field = "metrics." + FeatureMetricRules.abbreviate(metric.getKey());
            v.requiredText("metrics key", metric.getKey(), FeatureMetricRules.SERIES_NAME)
                    .required(field, metric.getValue())
                    .number(field, metric.getValue(), FeatureMetricRules.VALUE_INTEGER_DIGITS,
                            FeatureMetricRules.VALUE_FRACTION_DIGITS);
        }
        if (s.failures().size() > MAX_FAILURES) {
            v.field("failures", "'failures' has " + s.failures().size() + " entries, at most " + MAX_FAILURES + " allowed");
        }
        for (int i = 0; i < s.failures().size(); i++) {
            DailySnapshot.Failure f = s.failures().get(i);
            if (f == null) {
                v.field("failures[" + i + "]", "'failures[" + i + "]' is required");
                continue;
            }
            v.requiredText("failures[" + i + "].source", f.source(), FAILURE_SOURCE)
                    .text("failures[" + i + "].error", f.error(), FAILURE_ERROR);
        }
        return v;
    }
}
