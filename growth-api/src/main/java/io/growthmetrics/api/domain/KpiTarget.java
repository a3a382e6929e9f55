package io.growthmetrics.api.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/**
 * What a KPI's week is judged against. {@code kind}: {@code wow-growth} (grow {@code wowGrowthPct} % on the previous
 * week), {@code goal} (reach {@code goal}), {@code kpi} (reach KPI {@code kpi}'s value of the same week) or
 * {@code none}. {@code value}: what the week had to reach, when known (for a growth target: previous × (1 + g/100)).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KpiTarget(String kind, BigDecimal wowGrowthPct, BigDecimal goal, String kpi, BigDecimal value) {
}
