package io.growthmetrics.api.domain;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** One UTC day of the installations view. */
public record DailyInstallations(
        LocalDate date, int installations, long hostedInstances, long remoteInstances, int added, int removed) {

    /** kpi-service writes no row for a day without any active installation: that day is all zeros. */
    public static DailyInstallations zero(LocalDate date) {
        return new DailyInstallations(date, 0, 0, 0, 0, 0);
    }

    /** Exactly one entry per day of the range, in day order; days without a row become zeros. */
    public static List<DailyInstallations> gapFilled(DateRange range, Collection<DailyInstallations> rows) {
        Map<LocalDate, DailyInstallations> byDate =
                rows.stream().collect(Collectors.toMap(DailyInstallations::date, Function.identity()));
        return range.days().stream().map(day -> byDate.getOrDefault(day, zero(day))).toList();
    }
}
