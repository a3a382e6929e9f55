package io.growthmetrics.api.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Total self-service MRR of one day in one currency, in whole cents. */
public record DailyMrr(LocalDate date, long totalCents) {

    /**
     * Exactly one entry per day of the range, in day order; a day without rows had no paying subscription (0).
     *
     * @param exactTotals the exact sum of the day's product rows, by day
     */
    public static List<DailyMrr> gapFilled(DateRange range, Map<LocalDate, BigDecimal> exactTotals) {
        return range.days().stream()
                .map(day -> new DailyMrr(day, Cents.round(exactTotals.getOrDefault(day, BigDecimal.ZERO))))
                .toList();
    }
}
