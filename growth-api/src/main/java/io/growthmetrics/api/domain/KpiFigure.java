package io.growthmetrics.api.domain;

import java.math.BigDecimal;

/**
 * One KPI in one week, as kpi-service computed it. {@code value} is null when the KPI has no data for the week;
 * {@code wowGrowthPct} = (value − previousValue) / previousValue × 100, 2 decimals, null without both or for a zero
 * base; {@code onTrack} null when it cannot be judged (no value, no target, or a target that is not known yet).
 */
public record KpiFigure(String key, String name, String unit, String kind, String description, String week,
        BigDecimal value, BigDecimal previousValue, BigDecimal wowGrowthPct, KpiTarget target, Boolean onTrack) {
}
