package io.growthmetrics.kpi.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "kpi")
public interface KpiConfig {

    /** An installation is active on day D if it pinged in the last this-many days up to D (env KPI_ACTIVE_WINDOW_DAYS). */
    @WithDefault("7")
    int activeWindowDays();

    /** How often the views catch up with consumed pings (and with the day rolling over). */
    @WithDefault("2s")
    java.time.Duration refreshInterval();

    /** Days recomputed per step of a refresh: bounds memory when years of history change at once. */
    @WithDefault("90")
    int refreshChunkDays();

    /** The revenue views. */
    Revenue revenue();

    interface Revenue {

        /**
         * Whether a subscription whose collection is paused ({@code pause_collection} set) still counts towards MRR
         * (env KPI_REVENUE_COUNT_PAUSED_COLLECTION). Stripe does not document it; default: it does not.
         */
        @WithDefault("false")
        boolean countPausedCollection();
    }
}
