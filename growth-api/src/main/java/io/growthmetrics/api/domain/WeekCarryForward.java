package io.growthmetrics.api.domain;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * For a stock with gaps, such as a snapshot metric on days without a snapshot: each day takes the value of the
 * latest day with a value up to it within the same ISO week (and the range), so that
 * {@link WeeklyStockAggregation} gives a week the value of its last day with a value. Values never cross into
 * the next week: a week without any value stays 0, as for every other series, instead of repeating a stale
 * figure.
 */
public final class WeekCarryForward {

    private WeekCarryForward() {
    }

    public static Map<LocalDate, BigDecimal> fill(DateRange range, Map<LocalDate, BigDecimal> values) {
        Map<LocalDate, BigDecimal> filled = new HashMap<>();
        BigDecimal carried = null;
        for (LocalDate day : range.days()) {
            if (day.getDayOfWeek() == DayOfWeek.MONDAY) {
                carried = null;
            }
            BigDecimal value = values.get(day);
            if (value != null) {
                carried = value;
            }
            if (carried != null) {
                filled.put(day, carried);
            }
        }
        return filled;
    }
}
