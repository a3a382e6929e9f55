package io.growthmetrics.kpi.domain.kpi;

import java.util.Objects;

/**
 * A KPI of the weekly review, as configured ({@code kpi.definitions.<key>.*}).
 *
 * @param key      stable identifier, e.g. {@code nrActiveInstances}
 * @param position its place in the review (smaller first)
 * @param name     what people call it, e.g. "NR Active Instances"
 * @param unit     what its values count, e.g. {@code instances}, {@code USD}
 * @param kind     stock or flow
 * @param source   where its values come from (one of {@link KpiSources})
 * @param target   what a week is judged against
 */
public record KpiDefinition(String key, int position, String name, String unit, KpiKind kind, String source,
        KpiTarget target, String description) {

    public KpiDefinition {
        Objects.requireNonNull(key);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(source);
        target = target == null ? new KpiTarget.None() : target;
    }
}
