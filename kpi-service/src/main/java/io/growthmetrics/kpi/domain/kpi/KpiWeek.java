package io.growthmetrics.kpi.domain.kpi;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One KPI's figures for one ISO week.
 *
 * @param weekStart     the week's Monday
 * @param value         the week's value (null: no data for the week)
 * @param previousValue the previous week's value (null: none)
 * @param wowGrowthPct  (value − previous) / previous × 100, 2 decimals; null without both or for a zero base
 * @param targetValue   the value the week had to reach (null when there is no target or it cannot be known)
 * @param onTrack       whether it did; null when it cannot be judged
 */
public record KpiWeek(String key, LocalDate weekStart, BigDecimal value, BigDecimal previousValue,
        BigDecimal wowGrowthPct, BigDecimal targetValue, Boolean onTrack) {
}
