package io.growthmetrics.contracts.rules;

import io.growthmetrics.contracts.snapshot.FeatureMetric;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules of a {@code feature-adoption.metrics.v1} observation. Its series name ({@code metric{k=v,…}}) becomes
 * {@code snapshot_metric.name varchar(512)} in kpi-service and its value {@code snapshot_metric.value numeric}; a series
 * carries forward into every later snapshot, so one observation beyond these limits would poison them all.
 */
public final class FeatureMetricRules {

    /** Characters of a metric name. */
    public static final int METRIC = 200;
    /** What a metric name may be made of, e.g. {@code tables.databases}. */
    public static final Pattern METRIC_NAME = Pattern.compile("[A-Za-z0-9_.:-]+");
    public static final int SOURCE = 128;
    /** Labels of one observation. */
    public static final int MAX_LABELS = 16;
    public static final int LABEL_KEY = 64;
    public static final int LABEL_VALUE = 128;
    /** Characters of a series name, {@code metric{k1=v1,k2=v2}}: kpi-service's {@code snapshot_metric.name}. */
    public static final int SERIES_NAME = 512;
    /** Digits of a value before the decimal point. */
    public static final int VALUE_INTEGER_DIGITS = 38;
    /** Significant digits of a value after the decimal point. */
    public static final int VALUE_FRACTION_DIGITS = 18;

    private FeatureMetricRules() {
    }

    /** Every problem of the observation, seen from {@code now}; fields are named as in the JSON. */
    public static Violations check(FeatureMetric m, Instant now) {
        Violations v = new Violations().requiredText("metric", m.metric(), METRIC);
        if (m.metric() != null && !m.metric().isBlank() && StorableText.problem(m.metric(), METRIC) == null
                && !METRIC_NAME.matcher(m.metric()).matches()) {
            v.field("metric", "'metric' may only contain letters, digits and _ . : - (e.g. tables.databases)");
        }
        v.required("value", m.value())
                .number("value", m.value(), VALUE_INTEGER_DIGITS, VALUE_FRACTION_DIGITS)
                .required("observedAt", m.observedAt())
                .instant("observedAt", m.observedAt(), EventTimes.EARLIEST, EventTimes.latestObservation(now))
                .text("source", m.source(), SOURCE);
        if (m.labels().size() > MAX_LABELS) {
            v.field("labels", "'labels' has " + m.labels().size() + " entries, at most " + MAX_LABELS + " allowed");
        }
        for (Map.Entry<String, String> label : m.labels().entrySet()) {
            v.requiredText("labels key", label.getKey(), LABEL_KEY);
            v.requiredText("labels." + abbreviate(label.getKey()), label.getValue(), LABEL_VALUE);
        }
        if (v.isEmpty()) {
            v.text("series name", m.seriesName(), SERIES_NAME);
        }
        return v;
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        String safe = StorableText.problem(s) == null ? s : s.replace('\u0000', '?').replaceAll("[\\uD800-\\uDFFF]", "?");
        return safe.length() <= 40 ? safe : safe.substring(0, 40) + "…";
    }
}
