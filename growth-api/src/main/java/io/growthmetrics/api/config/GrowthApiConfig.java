package io.growthmetrics.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

@ConfigMapping(prefix = "growth-api")
public interface GrowthApiConfig {

    /** Longest from..to window, in days counting both ends, that a range query may ask for. */
    @WithDefault("3660")
    int maxRangeDays();

    /**
     * Snapshot metrics computed per day as numerator / denominator of two stored metrics, by derived name, e.g.
     * {@code growth-api.derived-metrics."adoption.tables".numerator=tables.teams}. Names with dots are quoted.
     */
    Map<String, DerivedMetricConfig> derivedMetrics();

    interface DerivedMetricConfig {

        /** The stored metric divided. */
        String numerator();

        /** The stored metric divided by; a day where it is 0 or missing has no value. */
        String denominator();
    }
}
