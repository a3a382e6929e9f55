package io.growthmetrics.kpi.domain.kpi;

import java.util.Locale;

/** How a KPI's week is made of its days. */
public enum KpiKind {
    /** A level: the week's value is its last day's (so far, for the current week). */
    STOCK,
    /** A count of things that happened: the week's value is the sum over the ISO week. */
    FLOW;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static KpiKind parse(String text) {
        for (KpiKind kind : values()) {
            if (kind.label().equals(text == null ? "" : text.strip().toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("kind must be stock or flow, got '" + text + "'");
    }
}
