package io.growthmetrics.bench.pings;

import java.util.List;

/**
 * FlowFuse releases and the ping fields each one sends (../shared/reference/flowfuse-telemetry.md §1.6): a ping of
 * an older release has fewer fields, which the ingest and kpi-service must take as absent.
 */
public final class Releases {

    /** Old versions still in use, oldest first, from the first one that sent pings. */
    static final List<String> OLD = List.of("0.2.0", "0.6.0", "1.0.2", "1.2.1", "1.4.0", "1.5.0", "1.8.0", "1.10.1",
            "1.12.2", "1.14.2", "1.15.0", "2.0.1", "2.3.0", "2.7.0", "2.9.0", "2.11.0", "2.13.0", "2.15.0", "2.18.0",
            "2.20.0");

    /** The releases that come out during a benchmark year, one about every month, newest last. */
    static final List<String> DURING_YEAR = List.of("2.22.0", "2.23.0", "2.24.0", "2.25.0", "2.26.0", "2.27.0",
            "2.27.1", "2.28.0", "2.29.0", "2.30.0", "2.31.0", "2.32.0", "2.33.0", "2.33.2");

    private Releases() {
    }

    /** The newest release out on day {@code day} of a {@code days}-day year (0 = first day). */
    static int latestIndexAt(int day, int days) {
        int n = DURING_YEAR.size();
        int index = (int) Math.floor((double) Math.max(0, day) * n / Math.max(1, days));
        return Math.min(n - 1, index);
    }

    static String latestAt(int day, int days) {
        return DURING_YEAR.get(latestIndexAt(day, days));
    }

    /** True when {@code version} is at least {@code major.minor}. */
    static boolean atLeast(String version, int major, int minor) {
        String core = version.endsWith("-git") ? version.substring(0, version.length() - 4) : version;
        String[] parts = core.split("\\.");
        int ma = Integer.parseInt(parts[0]);
        int mi = Integer.parseInt(parts[1]);
        return ma > major || ma == major && mi >= minor;
    }
}
