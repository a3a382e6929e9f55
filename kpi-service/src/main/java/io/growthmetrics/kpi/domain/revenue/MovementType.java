package io.growthmetrics.kpi.domain.revenue;

import java.util.Locale;

/** The MRR movements of a customer from one day to the next (stripe-mrr.md §5). */
public enum MovementType {
    /** From 0 to more, for a customer who never had MRR (in that currency) before. */
    NEW,
    /** Up, from more than 0. */
    EXPANSION,
    /** Down, staying above 0. */
    CONTRACTION,
    /** Down to 0. */
    CHURN,
    /** From 0 to more, for a customer who had MRR before. */
    REACTIVATION;

    /** The name in the views: new, expansion, contraction, churn, reactivation. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
