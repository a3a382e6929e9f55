package io.growthmetrics.contracts.kpi;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A message on {@code kpi.observations.v1} (key = the KPI's key): one figure of a KPI owned by another system (MQLs
 * from the marketing tool, say). Either a whole ISO week's figure ({@code period}, e.g. {@code 2026-W47}) or a figure
 * at a moment ({@code observedAt}), never both. Example: {@code {"kpi":"mqls","value":42,"period":"2026-W47",
 * "source":"hubspot"}}. Schema: {@code schemas/kpi.observations.v1.schema.json}.
 *
 * @param kpi        the KPI's key, e.g. {@code mqls}; a key defined in kpi-service's configuration
 * @param value      the figure, in the KPI's unit
 * @param period     the ISO week it is the figure of; a later observation of the same KPI, source and week replaces it
 * @param observedAt when it was true; it counts in that moment's ISO week (UTC)
 * @param source     who published it; figures of different sources add up
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KpiObservation(String kpi, BigDecimal value, String period, Instant observedAt, String source) {
}
