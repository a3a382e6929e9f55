package io.growthmetrics.kpi.domain;

import java.time.LocalDate;
import java.util.Map;

/**
 * The installation figures of one day, with or without developer builds.
 * Always: installations(D) = installations(D−1) + added(D) − removed(D).
 */
public record DayFigures(
        LocalDate day,
        boolean includeDev,
        Totals totals,
        int added,
        int removed,
        Map<Dimension, Map<String, Totals>> breakdown) {
}
