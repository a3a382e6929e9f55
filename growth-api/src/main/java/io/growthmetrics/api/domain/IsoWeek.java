package io.growthmetrics.api.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * An ISO-8601 week (Monday to Sunday). The year is the week-based year, which differs from the calendar year
 * around New Year: 2026-12-28 is in 2026-W53, 2027-01-03 still in 2026-W53, 2027-01-04 starts 2027-W01.
 */
public record IsoWeek(int weekBasedYear, int week) {

    public IsoWeek {
        long weeksInYear = IsoFields.WEEK_OF_WEEK_BASED_YEAR.rangeRefinedBy(LocalDate.of(weekBasedYear, 1, 4)).getMaximum();
        if (week < 1 || week > weeksInYear) {
            throw new IllegalArgumentException(weekBasedYear + " has no ISO week " + week);
        }
    }

    public static IsoWeek of(LocalDate day) {
        return new IsoWeek(day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** e.g. 2026-W01; the zero-padded week keeps labels sortable as strings. */
    public String label() {
        if (weekBasedYear < 0 || weekBasedYear > 9999) {
            return String.format("%04d-W%02d", weekBasedYear, week);
        }
        // Not String.format: labels are made for every week of every series answered (10 % of growth-api's CPU).
        char[] label = {digit(weekBasedYear / 1000), digit(weekBasedYear / 100), digit(weekBasedYear / 10),
                digit(weekBasedYear), '-', 'W', digit(week / 10), digit(week)};
        return new String(label);
    }

    private static char digit(int value) {
        return (char) ('0' + value % 10);
    }

    public LocalDate monday() {
        return LocalDate.of(weekBasedYear, 1, 4) // 4 January is always in week 1
                .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    public LocalDate sunday() {
        return monday().plusDays(6);
    }

    public IsoWeek next() {
        return of(monday().plusWeeks(1));
    }

    @Override
    public String toString() {
        return label();
    }
}
