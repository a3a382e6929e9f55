package io.growthmetrics.snapshot.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.growthmetrics.contracts.rules.FeatureMetricRules;
import io.growthmetrics.contracts.rules.StorableText;
import io.growthmetrics.contracts.rules.Violations;
import io.growthmetrics.contracts.snapshot.FeatureMetric;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one observation of {@code feature-adoption.metrics.v1} from JSON, strictly: no coercion of types (a value
 * {@code "12"} is a string, not a number), every problem reported.
 */
public final class FeatureMetrics {

    public static final int MAX_NAME_LENGTH = FeatureMetricRules.METRIC;
    public static final Pattern NAME = FeatureMetricRules.METRIC_NAME;

    private FeatureMetrics() {
    }

    /**
     * @param defaultObservedAt used when {@code observedAt} is absent; {@code null} = it is required
     * @param sourceRequired    whether a missing {@code source} is a problem (HTTP: yes; the topic: tolerated)
     * @param prefix            prefix of each problem, e.g. {@code "[2] "} for the third item of an array
     */
    public static FeatureMetric parse(JsonNode json, Instant defaultObservedAt, boolean sourceRequired, String prefix)
            throws InvalidMetricException {
        return parse(json, defaultObservedAt, sourceRequired, prefix, Instant.now());
    }

    /**
     * As above, then the {@link FeatureMetricRules} seen from {@code now} (what kpi-service can store: series name,
     * value digits, labels, observedAt within {@link io.growthmetrics.contracts.rules.EventTimes}).
     */
    public static FeatureMetric parse(JsonNode json, Instant defaultObservedAt, boolean sourceRequired, String prefix,
            Instant now) throws InvalidMetricException {
        List<String> problems = new ArrayList<>();
        Set<String> fields = new LinkedHashSet<>();
        String fieldPrefix = prefix.isBlank() ? "" : prefix.strip() + ".";
        if (json == null || !json.isObject()) {
            throw new InvalidMetricException(List.of(prefix + "an observation must be a JSON object"),
                    List.of(prefix.isBlank() ? "body" : prefix.strip()));
        }
        String metric = null;
        JsonNode m = json.get("metric");
        if (m == null || m.isNull()) {
            problems.add(prefix + "metric is required");
            fields.add(fieldPrefix + "metric");
        } else if (!m.isTextual()) {
            problems.add(prefix + "metric must be a string");
            fields.add(fieldPrefix + "metric");
        } else {
            metric = m.asText();
            nameProblem(metric).ifPresent(p -> {
                problems.add(prefix + p);
                fields.add(fieldPrefix + "metric");
            });
        }

        BigDecimal value = null;
        JsonNode v = json.get("value");
        if (v == null || v.isNull()) {
            problems.add(prefix + "value is required");
            fields.add(fieldPrefix + "value");
        } else if (!v.isNumber()) {
            problems.add(prefix + "value must be a number");
            fields.add(fieldPrefix + "value");
        } else if ((v.isDouble() || v.isFloat()) && !Double.isFinite(v.doubleValue())) {
            problems.add(prefix + "value must be a finite number");
            fields.add(fieldPrefix + "value");
        } else {
            value = v.decimalValue();
        }

        Instant observedAt = null;
        JsonNode o = json.get("observedAt");
        if (o == null || o.isNull()) {
            if (defaultObservedAt == null) {
                problems.add(prefix + "observedAt is required");
                fields.add(fieldPrefix + "observedAt");
            } else {
                observedAt = defaultObservedAt;
            }
        } else if (!o.isTextual()) {
            problems.add(prefix + "observedAt must be an ISO-8601 instant string, e.g. 2026-11-22T10:00:00Z");
            fields.add(fieldPrefix + "observedAt");
        } else {
            try {
                observedAt = Instant.parse(o.asText());
            } catch (DateTimeException e) {
                problems.add(prefix + "observedAt must be an ISO-8601 instant, e.g. 2026-11-22T10:00:00Z; got '"
                        + abbreviate(o.asText()) + "'");
                fields.add(fieldPrefix + "observedAt");
            }
        }

        String source = null;
        JsonNode s = json.get("source");
        if (s == null || s.isNull()) {
            if (sourceRequired) {
                problems.add(prefix + "source is required (who publishes it, e.g. tables-team)");
                fields.add(fieldPrefix + "source");
            }
        } else if (!s.isTextual() || s.asText().isBlank()) {
            problems.add(prefix + "source must be a non-blank string");
            fields.add(fieldPrefix + "source");
        } else {
            source = s.asText();
        }

        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode l = json.get("labels");
        if (l != null && !l.isNull()) {
            if (!l.isObject()) {
                problems.add(prefix + "labels must be an object of string to string");
                fields.add(fieldPrefix + "labels");
            } else if (l.size() > FeatureMetricRules.MAX_LABELS) {
                problems.add(prefix + "labels has " + l.size() + " entries, at most " + FeatureMetricRules.MAX_LABELS
                        + " allowed");
                fields.add(fieldPrefix + "labels");
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = l.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getKey().isBlank()) {
                        problems.add(prefix + "label keys must be non-blank");
                        fields.add(fieldPrefix + "labels");
                    } else if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                        problems.add(prefix + "label '" + abbreviate(e.getKey()) + "' must have a non-blank string value");
                        fields.add(fieldPrefix + "labels." + abbreviate(e.getKey()));
                    } else {
                        labels.put(e.getKey(), e.getValue().asText());
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidMetricException(problems, List.copyOf(fields));
        }
        FeatureMetric observation = new FeatureMetric(metric, value, observedAt, source, labels);
        Violations rules = FeatureMetricRules.check(observation, now);
        if (!rules.isEmpty()) {
            throw new InvalidMetricException(rules.list().stream().map(p -> prefix + p).toList(),
                    rules.fields().stream().map(f -> fieldPrefix + f).toList());
        }
        return observation;
    }

    /** Why a metric name is refused, if it is. */
    public static java.util.Optional<String> nameProblem(String metric) {
        if (metric == null || metric.isBlank()) {
            return java.util.Optional.of("metric must be a non-blank name");
        }
        if (metric.length() > MAX_NAME_LENGTH) {
            return java.util.Optional.of("metric must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (!NAME.matcher(metric).matches()) {
            return java.util.Optional.of("metric '" + abbreviate(metric)
                    + "' may only contain letters, digits and _ . : - (e.g. tables.databases)");
        }
        return java.util.Optional.empty();
    }

    /** At most 60 characters, NUL and unpaired surrogates shown as '?' (an error message is text of its own). */
    private static String abbreviate(String s) {
        String safe = StorableText.problem(s) == null ? s
                : s.replace('\u0000', '?').replaceAll("[\\uD800-\\uDFFF]", "?");
        return safe.length() <= 60 ? safe : safe.substring(0, 60) + "…";
    }
}
