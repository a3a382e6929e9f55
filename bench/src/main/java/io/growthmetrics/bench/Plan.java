package io.growthmetrics.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;

/**
 * How much of everything a run does: the full benchmark (about an hour and a half on 2 cores, most of it kpi-service
 * storing the year of pings) or the quick mode (seconds of load, small data: that every step runs).
 */
record Plan(boolean full,
            long rawRecords,
            int ingestConnections,
            Duration ingestWarmup,
            Duration ingestClosedLoop,
            List<Integer> ingestRates,
            Duration ingestOpenLoop,
            Duration maxLag,
            int yearInstallations,
            int yearDays,
            Duration viewsTimeout,
            int freshnessRate,
            Duration freshnessDuration,
            int freshnessPool,
            int freshnessMarkersPerSecond,
            Duration freshnessTimeout,
            int apiRate,
            Duration apiWarmup,
            Duration apiDuration,
            int apiConnections) {

    static Plan fullPlan() {
        return new Plan(true, 2_000_000, 64, Duration.ofSeconds(20), Duration.ofSeconds(30), List.of(1_000, 2_500, 5_000),
                Duration.ofSeconds(30), Duration.ofSeconds(10), 50_000, 365, Duration.ofHours(4), 5_000,
                Duration.ofSeconds(60), 10_000, 10, Duration.ofSeconds(120), 1_000, Duration.ofSeconds(10),
                Duration.ofSeconds(60), 32);
    }

    static Plan quickPlan() {
        return new Plan(false, 20_000, 16, Duration.ofSeconds(1), Duration.ofSeconds(3), List.of(100, 300),
                Duration.ofSeconds(2), Duration.ofSeconds(5), 200, 30, Duration.ofSeconds(120), 200,
                Duration.ofSeconds(5), 100, 5, Duration.ofSeconds(60), 100, Duration.ofSeconds(1),
                Duration.ofSeconds(3), 8);
    }

    Plan withYear(int installations, int days) {
        return new Plan(full, rawRecords, ingestConnections, ingestWarmup, ingestClosedLoop, ingestRates, ingestOpenLoop,
                maxLag, installations, days, viewsTimeout, freshnessRate, freshnessDuration, freshnessPool,
                freshnessMarkersPerSecond, freshnessTimeout, apiRate, apiWarmup, apiDuration, apiConnections);
    }

    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("raw Kafka records", rawRecords);
        m.put("ingest connections", ingestConnections);
        m.put("ingest warm-up (closed loop, not reported)", ingestWarmup.toSeconds() + " s");
        m.put("ingest closed loop", ingestClosedLoop.toSeconds() + " s per run");
        m.put("ingest open-loop rates", ingestRates + " pings/s, " + ingestOpenLoop.toSeconds() + " s each");
        m.put("open loop: requests further behind schedule than this are not sent", maxLag.toSeconds() + " s");
        m.put("views: installations x days", yearInstallations + " x " + yearDays);
        m.put("freshness", freshnessRate + " pings/s for " + freshnessDuration.toSeconds() + " s, "
                + freshnessMarkersPerSecond + " new installations/s among them, " + freshnessPool + " installations pinging");
        m.put("API", apiRate + " requests/s for " + apiDuration.toSeconds() + " s after " + apiWarmup.toSeconds()
                + " s of warm-up, " + apiConnections + " connections");
        return m;
    }
}
