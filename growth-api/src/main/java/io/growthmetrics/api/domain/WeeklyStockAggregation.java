package io.growthmetrics.api.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a daily stock (a level such as active installations, not a flow such as added) into weekly values:
 * a stock's week is what it stood at when the week closed, so a week's value is its Sunday's value, or the
 * value on {@code to} when the range ends mid-week. Summing or averaging would count the same installation
 * up to seven times.
 */
public final class WeeklyStockAggregation {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private WeeklyStockAggregation() {
    }

    /**
     * One point per ISO week overlapping the range, oldest first.
     *
     * @param dailyValues values by day; a day missing from the map counts as zero
     */
    public static List<WeeklyPoint> aggregate(DateRange range, Map<LocalDate, BigDecimal> dailyValues) {
        List<WeeklyPoint> points = new ArrayList<>();
        BigDecimal previous = null;
        IsoWeek last = IsoWeek.of(range.to());
        for (IsoWeek week = IsoWeek.of(range.from()); ; week = week.next()) {
            LocalDate closingDay = week.sunday().isAfter(range.to()) ? range.to() : week.sunday();
            BigDecimal value = dailyValues.getOrDefault(closingDay, BigDecimal.ZERO);
            points.add(new WeeklyPoint(week.label(), value, wowGrowthPct(previous, value)));
            previous = value;
            if (week.equals(last)) {
                return points;
            }
        }
    }

    /**
     * (current − previous) / previous × 100, rounded half-up to 2 decimals; null without a previous week or
     * when the previous value is zero, where a percentage has no meaning.
     */
    public static BigDecimal wowGrowthPct(BigDecimal previous, BigDecimal current) {
        if (previous == null || previous.signum() == 0) {
            return null;
        }
        // Exact decimal arithmetic: counts are integers, so the only rounding is the one stated above.
        return current.subtract(previous).multiply(HUNDRED).divide(previous, 2, RoundingMode.HALF_UP);
    }
}
