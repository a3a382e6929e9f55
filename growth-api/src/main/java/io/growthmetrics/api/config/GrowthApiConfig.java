package io.growthmetrics.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "growth-api")
public interface GrowthApiConfig {

    /** Longest from..to window, in days counting both ends, that a range query may ask for. */
    @WithDefault("3660")
    int maxRangeDays();
}
