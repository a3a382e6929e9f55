package io.growthmetrics.kpi.view;

import io.growthmetrics.contracts.telemetry.TelemetryPing;
import io.growthmetrics.contracts.telemetry.TelemetryPingEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a batch's installation days are split into multi-row upserts (no database needed). */
class PingStoreStatementsTest {

    private static final Instant NOON = Instant.parse("2026-11-20T12:00:00Z");

    @Test
    void noStatementTouchesAnInstallationDayTwiceAndNoneExceedsTheRowLimit() {
        List<TelemetryPingEvent> batch = new ArrayList<>();
        batch.add(ping("a", NOON));
        for (int i = 0; i < 1001; i++) {
            batch.add(ping("i" + i, NOON));
        }
        batch.add(ping("a", NOON.plusSeconds(60)));
        batch.add(ping("a", NOON.minusSeconds(60)));
        batch.add(ping("a", NOON.plusSeconds(86_400)));   // the next day: another row, first round

        List<List<PingStore.DayRow>> statements = PingStore.upsertStatements(batch);

        assertEquals(List.of(500, 500, 3, 1, 1), statements.stream().map(List::size).toList());
        int rows = 0;
        for (List<PingStore.DayRow> statement : statements) {
            Set<String> keys = new HashSet<>();
            for (PingStore.DayRow row : statement) {
                assertTrue(keys.add(row.day().day() + "/" + row.day().instanceId()), "twice in one statement: " + row);
            }
            assertTrue(statement.size() <= PingStore.ROWS_PER_STATEMENT);
            rows += statement.size();
        }
        assertEquals(batch.size(), rows, "every ping's day is upserted");
    }

    private static TelemetryPingEvent ping(String instance, Instant at) {
        TelemetryPing ping = new TelemetryPing(instance, new TelemetryPing.Os("Linux", "6.8.0", "x64"),
                new TelemetryPing.Env("v20.19.4", "2.33.2"),
                new TelemetryPing.Platform(new TelemetryPing.Counts(1L, 1L, 2L, null, 3L, null, null, null,
                        null, null, null, null, null, null), new TelemetryPing.Config("docker", null, null, null), null));
        return new TelemetryPingEvent(1, UUID.randomUUID().toString(), at, "ping", null, ping, null);
    }
}
