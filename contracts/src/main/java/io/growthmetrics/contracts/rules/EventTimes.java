package io.growthmetrics.contracts.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The time span events may speak of. Nothing we count happened before 2020 (the product's first release is later),
 * and nothing observed lies more than a day ahead of the clock (allowing for a skewed sender): a date like
 * 9999-12-31 would make the views compute millions of days. Plans (contract dates, goals) may reach further ahead.
 */
public final class EventTimes {

    public static final Instant EARLIEST = Instant.parse("2020-01-01T00:00:00Z");
    public static final LocalDate EARLIEST_DAY = LocalDate.of(2020, 1, 1);
    /** How far ahead of the clock an observation may be. */
    public static final Duration CLOCK_SKEW = Duration.ofDays(1);
    /** The last day a plan (a contract's start or close, a goal's quarter) may name. */
    public static final LocalDate LATEST_PLANNED_DAY = LocalDate.of(2100, 12, 31);

    private EventTimes() {
    }

    /** The latest moment an observation may carry, seen from {@code now}. */
    public static Instant latestObservation(Instant now) {
        return now.plus(CLOCK_SKEW);
    }
}
