package io.growthmetrics.kpi.domain.kpi;

import java.math.BigDecimal;

/**
 * What a KPI's week is judged against: a week-on-week growth, an absolute goal, or another KPI's value of the same
 * week (the CARR goal is the target of closed and projected CARR); or nothing.
 */
public sealed interface KpiTarget {

    /** {@code wow-growth}, {@code goal}, {@code kpi} or {@code none}, as the API names it. */
    String kind();

    /** Grow by at least {@code pct} % on the previous week. */
    record WowGrowth(BigDecimal pct) implements KpiTarget {
        public String kind() {
            return "wow-growth";
        }
    }

    /** Reach at least {@code value}. */
    record Goal(BigDecimal value) implements KpiTarget {
        public String kind() {
            return "goal";
        }
    }

    /** Reach at least the value of KPI {@code key} in the same week. */
    record OfKpi(String key) implements KpiTarget {
        public String kind() {
            return "kpi";
        }
    }

    record None() implements KpiTarget {
        public String kind() {
            return "none";
        }
    }
}
