package io.growthmetrics.contracts.snapshot;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Value on {@code snapshots.daily.v1} (key = the date, {@code 2026-11-22}): the hosted cloud's meta snapshot of one
 * UTC day, every series' latest value observed up to the end of that day. Taking a day again republishes the same
 * content (nothing in it depends on when it was taken), so consumers may simply keep the latest per date.
 *
 * @param metrics  series name → value (sorted by name)
 * @param failures what could not be collected for this day (e.g. the platform's admin stats), empty when all went well
 */
public record DailySnapshot(int schemaVersion, LocalDate date, Map<String, BigDecimal> metrics, List<Failure> failures) {

    public static final int SCHEMA_VERSION = 1;

    public DailySnapshot {
        metrics = metrics == null ? Map.of() : metrics;
        failures = failures == null ? List.of() : List.copyOf(failures);
    }

    /** A collection that failed for the day: which source, and why. */
    public record Failure(String source, String error) {
    }
}
