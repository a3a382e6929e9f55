package io.growthmetrics.contracts;

/** Kafka topic names. The suffix is the major version of the event schema carried by the topic. */
public final class Topics {

    /** Installation telemetry pings; key = instanceId, value = {@link io.growthmetrics.contracts.telemetry.TelemetryPingEvent}. */
    public static final String TELEMETRY_PINGS_V1 = "telemetry.pings.v1";

    /** Pings kpi-service could not process, with the reason in the {@code dead-letter-reason} header. */
    public static final String TELEMETRY_PINGS_V1_DEAD_LETTER = "telemetry.pings.v1.dlq";

    /** Stripe subscription states; key = subscription id, value = {@link io.growthmetrics.contracts.revenue.SubscriptionEvent}. */
    public static final String REVENUE_SUBSCRIPTIONS_V1 = "revenue.subscriptions.v1";

    /** Sales contracts for CARR; key = contract id, value = {@link io.growthmetrics.contracts.revenue.ContractEvent}. */
    public static final String REVENUE_CONTRACTS_V1 = "revenue.contracts.v1";

    /** CARR goal per quarter; key = quarter (2026-Q4), value = {@link io.growthmetrics.contracts.revenue.CarrGoalEvent}. */
    public static final String REVENUE_CARR_GOALS_V1 = "revenue.carr-goals.v1";

    /** The self-service product catalog; key = "self-service", value = {@link io.growthmetrics.contracts.revenue.ProductCatalogEvent}. */
    public static final String REVENUE_PRODUCTS_V1 = "revenue.products.v1";

    /** Feature-adoption observations from any tool; key = metric name, value = {@link io.growthmetrics.contracts.snapshot.FeatureMetric}. */
    public static final String FEATURE_ADOPTION_METRICS_V1 = "feature-adoption.metrics.v1";

    /**
     * Feature-adoption records that break {@link io.growthmetrics.contracts.rules.FeatureMetricRules} (or are not
     * JSON): the original bytes, with the reason in the {@code dead-letter-reason} header. Written by snapshot-collector.
     */
    public static final String FEATURE_ADOPTION_METRICS_V1_DEAD_LETTER = "feature-adoption.metrics.v1.dlq";

    /**
     * Compacted: the Stripe terms MRR depends on (coupons, prices with their tiers) as revenue-service learned them
     * from webhooks or the API; key = {@code coupon:<id>} or {@code price:<id>}, value = the terms as JSON (schema:
     * {@code schemas/revenue.stripe-terms.v1.schema.json}). Read back at start-up, so a restart forgets no discount.
     */
    public static final String REVENUE_STRIPE_TERMS_V1 = "revenue.stripe-terms.v1";

    /** Daily cloud meta snapshots; key = date (2026-11-22), value = {@link io.growthmetrics.contracts.snapshot.DailySnapshot}. */
    public static final String SNAPSHOTS_DAILY_V1 = "snapshots.daily.v1";

    /**
     * Figures of KPIs owned by other systems (MQLs, …); key = the KPI's key, value =
     * {@link io.growthmetrics.contracts.kpi.KpiObservation}. Anyone with access may publish.
     */
    public static final String KPI_OBSERVATIONS_V1 = "kpi.observations.v1";

    /**
     * Merged pull requests of the counted repositories (engineering throughput); key = {@code owner/repo#number} in
     * lower case, value = {@link io.growthmetrics.contracts.kpi.PullRequestMerged}. Written by snapshot-collector.
     */
    public static final String ENGINEERING_PULL_REQUESTS_V1 = "engineering.pull-requests.v1";

    private Topics() {
    }
}
