package io.growthmetrics.contracts.revenue;

import java.time.Instant;

/** Value on {@code revenue.carr-goals.v1} (key = quarter, e.g. 2026-Q4): the CARR goal of a quarter; the latest wins. */
public record CarrGoalEvent(
        int schemaVersion,
        String eventId,
        Instant updatedAt,
        String quarter,
        String currency,
        long goalCents) {

    public static final int SCHEMA_VERSION = 1;
}
