package io.growthmetrics.revenue.domain;

import java.util.List;

/** A request body or parameter that cannot be accepted; every problem found is listed. */
public class InvalidInputException extends Exception {

    private final List<String> problems;

    public InvalidInputException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
