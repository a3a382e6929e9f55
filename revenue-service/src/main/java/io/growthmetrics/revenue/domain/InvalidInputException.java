package io.growthmetrics.revenue.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A request body or parameter that cannot be accepted; every problem found is listed, and the fields at fault. */
public class InvalidInputException extends Exception {

    private final List<String> problems;
    private final List<String> fields;

    public InvalidInputException(List<String> problems) {
        this(problems, fieldsOf(problems));
    }

    public InvalidInputException(List<String> problems, List<String> fields) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
        this.fields = List.copyOf(fields);
    }

    public InvalidInputException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }

    /** The fields at fault, in order ({@code body} for the body as a whole). */
    public List<String> fields() {
        return fields;
    }

    /** The field each problem names: its first word when that is a field, or what the sentence is about. */
    static List<String> fieldsOf(List<String> problems) {
        List<String> fields = new ArrayList<>();
        for (String problem : problems) {
            String field;
            String lower = problem.toLowerCase(Locale.ROOT);
            if (problem.startsWith("Unknown field '")) {
                int end = problem.indexOf('\'', 15);
                field = end > 15 ? problem.substring(15, end) : "body";
            } else if (lower.startsWith("the contract id in the path")) {
                field = "contractId";
            } else if (lower.startsWith("the quarter")) {
                field = "quarter";
            } else if (lower.startsWith("the request body") || lower.startsWith("missing request body")
                    || lower.startsWith("could not read") || lower.startsWith("the body")) {
                field = "body";
            } else {
                String first = problem.split("[ ']", 2)[0];
                field = first.isEmpty() ? "body" : first;
            }
            if (!fields.contains(field)) {
                fields.add(field);
            }
        }
        return fields;
    }
}
