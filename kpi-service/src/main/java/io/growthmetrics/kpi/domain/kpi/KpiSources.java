package io.growthmetrics.kpi.domain.kpi;

import java.util.Set;

/** Where a KPI's values come from. A KPI whose source is {@link #OBSERVATIONS} needs no code: it is published. */
public final class KpiSources {

    /** Σ over active installations of the parts configured (hosted instances, remote instances). */
    public static final String NR_INSTANCES = "installations.nr-instances";
    /** Self-service MRR in the KPI currency, in major units. */
    public static final String MRR = "revenue.mrr";
    /** CARR of the week's quarter, as of the week's last day, in major units. */
    public static final String CARR_CLOSED = "revenue.carr-closed";
    public static final String CARR_PROJECTED = "revenue.carr-projected";
    public static final String CARR_GOAL = "revenue.carr-goal";
    /** Pull requests merged in the week (engineering.pull-requests.v1). */
    public static final String MERGED_PULL_REQUESTS = "github.merged-pull-requests";
    /** Figures published to kpi.observations.v1 under the KPI's key. */
    public static final String OBSERVATIONS = "observations";

    public static final Set<String> ALL = Set.of(NR_INSTANCES, MRR, CARR_CLOSED, CARR_PROJECTED, CARR_GOAL,
            MERGED_PULL_REQUESTS, OBSERVATIONS);

    private KpiSources() {
    }
}
