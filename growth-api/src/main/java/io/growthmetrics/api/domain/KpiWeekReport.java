package io.growthmetrics.api.domain;

import java.util.List;

/** The review's KPIs for one ISO week, in the configured order. */
public record KpiWeekReport(String week, List<KpiFigure> kpis) {
}
