package io.growthmetrics.snapshot.domain;

import java.util.List;

/** A feature-metric observation that breaks the rules of {@code feature-adoption.metrics.v1}; every problem listed. */
public class InvalidMetricException extends Exception {

    private final List<String> problems;
    private final List<String> fields;

    public InvalidMetricException(List<String> problems) {
        this(problems, List.of());
    }

    /** @param fields the fields at fault, e.g. {@code value} or {@code [2].labels.tier} */
    public InvalidMetricException(List<String> problems, List<String> fields) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
        this.fields = List.copyOf(fields);
    }

    public List<String> problems() {
        return problems;
    }

    public List<String> fields() {
        return fields;
    }
}
