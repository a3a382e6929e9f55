package io.growthmetrics.api.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/** The UTC days from..to, both included. */
public record DateRange(LocalDate from, LocalDate to) {

    public DateRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to)) {
            throw new InvalidValueException("from", "from (" + from + ") must not be after to (" + to + ")");
        }
    }

    public long dayCount() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    public List<LocalDate> days() {
        return from.datesUntil(to.plusDays(1)).toList();
    }
}
