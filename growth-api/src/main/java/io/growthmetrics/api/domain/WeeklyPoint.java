package io.growthmetrics.api.domain;

import java.math.BigDecimal;

/** A series' value for one ISO week and its change from the week before (null when there is no base). */
public record WeeklyPoint(String week, BigDecimal value, BigDecimal wowGrowthPct) {
}
