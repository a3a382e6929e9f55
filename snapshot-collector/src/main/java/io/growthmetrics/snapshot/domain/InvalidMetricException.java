package io.growthmetrics.snapshot.domain;

import java.util.List;

/** A feature-metric observation that breaks the rules of {@code feature-adoption.metrics.v1}; every problem listed. */
public class InvalidMetricException extends Exception {

    private final List<String> problems;

    public InvalidMetricException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
