package io.growthmetrics.contracts.rules;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what is wrong with an event, field by field, with the rules of this package. Producers run the event's
 * rules before publishing (a 400 naming the field), consumers run the same rules again before storing (a dead
 * letter naming the field): one rule set per field, applied where data enters and where it is stored.
 */
public final class Violations {

    private final List<String> problems = new ArrayList<>();
    private final List<String> fields = new ArrayList<>();

    /** A text field that may be absent. */
    public Violations text(String field, String value, int maxLength) {
        add(field, StorableText.problem(value, maxLength));
        return this;
    }

    /** A text field that must be present and not blank. */
    public Violations requiredText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return field(field, "'" + field + "' is required");
        }
        return text(field, value, maxLength);
    }

    public Violations required(String field, Object value) {
        if (value == null) {
            field(field, "'" + field + "' is required");
        }
        return this;
    }

    public Violations number(String field, BigDecimal value, int maxIntegerDigits, int maxFractionDigits) {
        add(field, StorableNumber.problem(value, maxIntegerDigits, maxFractionDigits));
        return this;
    }

    /** An amount that may be absent and, when present, is not below zero (no price or monthly value is). */
    public Violations nonNegative(String field, BigDecimal value) {
        if (value != null && value.signum() < 0) {
            field(field, "'" + field + "' must not be negative, got " + value.toPlainString());
        }
        return this;
    }

    public Violations range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            field(field, "'" + field + "' must be between " + min + " and " + max + ", got " + value);
        }
        return this;
    }

    /** A moment that may be absent, within [earliest, latest]. */
    public Violations instant(String field, Instant value, Instant earliest, Instant latest) {
        if (value != null && (value.isBefore(earliest) || value.isAfter(latest))) {
            field(field, "'" + field + "' must be between " + earliest + " and " + latest + ", got " + value);
        }
        return this;
    }

    /** A day that may be absent, within [earliest, latest]. */
    public Violations date(String field, LocalDate value, LocalDate earliest, LocalDate latest) {
        if (value != null && (value.isBefore(earliest) || value.isAfter(latest))) {
            field(field, "'" + field + "' must be between " + earliest + " and " + latest + ", got " + value);
        }
        return this;
    }

    public Violations json(String field, JsonNode value, JsonLimits limits) {
        String problem = limits.problem(field, value);
        if (problem != null) {
            field(field, problem);
        }
        return this;
    }

    /** A problem of {@code field} found by other means, already phrased (and naming the field). */
    public Violations field(String field, String problem) {
        problems.add(problem);
        if (!fields.contains(field)) {
            fields.add(field);
        }
        return this;
    }

    /** A problem found by other means, already phrased. */
    public Violations add(String problem) {
        problems.add(problem);
        return this;
    }

    private void add(String field, String problem) {
        if (problem != null) {
            field(field, "'" + field + "' " + problem);
        }
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** The fields at fault, in the order their first problem was found (problems added without a field excluded). */
    public List<String> fields() {
        return List.copyOf(fields);
    }

    /** The same problems for one item of a list: every field and problem prefixed, e.g. with {@code [2].}. */
    public Violations prefixed(String prefix) {
        Violations result = new Violations();
        problems.forEach(p -> result.problems.add(prefix + p));
        fields.forEach(f -> result.fields.add(prefix + f));
        return result;
    }

    /** Adds every problem (and field at fault) of {@code other}. */
    public Violations addAll(Violations other) {
        problems.addAll(other.problems);
        other.fields.forEach(f -> {
            if (!fields.contains(f)) {
                fields.add(f);
            }
        });
        return this;
    }

    public List<String> list() {
        return List.copyOf(problems);
    }

    /** All problems in one sentence, for an error reply or a dead-letter reason. */
    public String summary() {
        return String.join("; ", problems);
    }

    /** Throws {@link InvalidEventException} listing every problem, if there is any. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidEventException(summary());
        }
    }
}
