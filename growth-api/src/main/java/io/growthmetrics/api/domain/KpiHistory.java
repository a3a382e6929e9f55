package io.growthmetrics.api.domain;

import java.util.List;

/** One KPI's weeks, oldest first, one entry per ISO week of the range (value null where it had no data). */
public record KpiHistory(String key, String name, String unit, String kind, List<KpiFigure> weeks) {
}
