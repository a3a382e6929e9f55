package io.growthmetrics.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

@ConfigMapping(prefix = "growth-api")
public interface GrowthApiConfig {

    /** Longest from..to window, in days counting both ends, that a range query may ask for. */
    @WithDefault("3660")
    int maxRangeDays();

    /**
     * Longest wait for one database query, connection included. A database that refuses or does not answer within
     * it makes the request a 503 with {@code Retry-After}, never a hang.
     */
    @WithDefault("PT5S")
    Duration queryTimeout();

    /** What a 503 (database away) tells the client in {@code Retry-After}, rounded up to whole seconds. */
    @WithDefault("PT5S")
    Duration retryAfter();

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
