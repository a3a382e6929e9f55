package io.growthmetrics.kpi.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "kpi")
public interface KpiConfig {

    /** An installation is active on day D if it pinged in the last this-many days up to D (env KPI_ACTIVE_WINDOW_DAYS). */
    @WithDefault("7")
    int activeWindowDays();

    /** How often the views catch up with consumed pings (and with the day rolling over). */
    @WithDefault("2s")
    java.time.Duration refreshInterval();

    /**
     * The largest share of the time the installations views' refresh may keep the database busy (0 < share ≤ 1):
     * after a refresh that took T the next waits T × (1 / share − 1) beyond the interval, so a refresh that grows
     * with the day's installations yields to the consumers (env KPI_REFRESH_BUSY_SHARE).
     */
    @WithDefault("0.25")
    double refreshBusyShare();

    /**
     * How often the day the pings' store keeps up to date itself (the last computed one, normally today) is
     * recomputed anyway: the bound on how long a miscount from two instances storing one installation at once lasts
     * (env KPI_KEPT_DAY_RECHECK_INTERVAL).
     */
    @WithDefault("10m")
    java.time.Duration keptDayRecheckInterval();

    /**
     * Days of the installations views one refresh transaction recomputes at most; a longer range (a backlog of a
     * year, a changed window) goes on from there at the next refresh, so each transaction stays well inside
     * {@link #refreshTimeout()} (~0.7 s a day at 50,000 installations, 5 s at 570,000) and its work is kept when a
     * later one fails (env KPI_INSTALLATIONS_REFRESH_CHUNK_DAYS).
     */
    @WithDefault("30")
    int installationsRefreshChunkDays();

    /** Days of the revenue views recomputed per step of a refresh: bounds memory when years of history change at once. */
    @WithDefault("90")
    int refreshChunkDays();

    /**
     * The longest one attempt to store a batch may take; a hung database is never waited on for ever: the attempt
     * fails and is retried (the stores are idempotent, so an attempt that did complete late changes nothing).
     */
    @WithDefault("30s")
    java.time.Duration storeTimeout();

    /** The longest one refresh of a view may take; it is abandoned (rolled back) and tried again at the next interval. */
    @WithDefault("5m")
    java.time.Duration refreshTimeout();

    /**
     * Liveness ({@code kpi-consumers}) reports a consumer stuck when it works on a batch without any progress for this
     * long while not retrying; keep it above {@link #storeTimeout()}. Retrying a database outage is never stuck.
     */
    @WithDefault("5m")
    java.time.Duration consumerStuckAfter();

    /** Back-off between retries of a transient failure (database away or hung, broker away for a dead letter). */
    Retry retry();

    interface Retry {

        @WithDefault("500ms")
        java.time.Duration initialBackoff();

        @WithDefault("30s")
        java.time.Duration maxBackoff();
    }

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

    /** The KPIs of the weekly review, by key (docs/kpis.md); a new key whose source is observations needs no code. */
    Map<String, Definition> definitions();

    /** The currency of the money KPIs (MRR, CARR), lower case (env KPI_CURRENCY). */
    @WithDefault("usd")
    String currency();

    /** What NR active instances adds up over the active installations: hosted, remote or both (env KPI_NR_INSTANCES_PARTS). */
    @WithDefault("hosted,remote")
    List<String> nrInstancesParts();

    /** How often the KPIs' weekly figures are recomputed from the views. */
    @WithDefault("10s")
    java.time.Duration kpiRefreshInterval();

    /** How often the business gauges of /q/metrics are read from the views (docs/metrics.md). */
    @WithDefault("30s")
    java.time.Duration gaugesRefreshInterval();

    interface Definition {

        /** What people call it, e.g. "NR Active Instances". */
        String name();

        /** What its values count, e.g. instances, USD, pull requests. */
        Optional<String> unit();

        /** stock (the week's last day) or flow (the week's sum). */
        String kind();

        /** Where its values come from (KpiSources); default: figures published to kpi.observations.v1. */
        @WithDefault("observations")
        String source();

        /** A weekly growth target in % (at most one of the three targets). */
        Optional<BigDecimal> targetWowGrowthPct();

        /** An absolute goal for every week. */
        Optional<BigDecimal> targetGoal();

        /** Another KPI whose value in the same week is the target. */
        Optional<String> targetKpi();

        /** Its place in the review, smaller first. */
        @WithDefault("100")
        int position();

        /** How it is defined, in a sentence. */
        Optional<String> description();
    }
}
