package io.growthmetrics.kpi.view;

import io.agroal.api.AgroalDataSource;
import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.growthmetrics.contracts.telemetry.TelemetryPing;
import io.growthmetrics.contracts.telemetry.TelemetryPingEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The store's one statement per batch, against the real database: each event once, the later ping of an installation
 * and day kept whatever the order, the view marked dirty from the first day that changed, and the same batch stored
 * twice at once (two instances during a rebalance) harmless.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class PingStoreTest {

    private static final Instant NOON = Instant.parse("2026-11-20T12:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Dirty days of a view of this test's own: the scheduled refresh takes the installations' under us. */
    private static final String MARKED = "ping-store-test";

    @Inject
    PingStore store;

    @Inject
    AgroalDataSource db;

    @BeforeEach
    void empty() throws SQLException {
        execute("TRUNCATE installation_ping, installation_day");
        execute("DELETE FROM view_dirty_day WHERE view_name = '" + MARKED + "'");
    }

    @AfterEach
    void dropMarks() throws SQLException {
        execute("DELETE FROM view_dirty_day WHERE view_name = '" + MARKED + "'");
    }

    @Test
    void eachEventIsStoredOnceAndEachInstallationDayKeepsItsLatestPingInAnyOrder() throws SQLException {
        List<TelemetryPingEvent> batch = new ArrayList<>();
        for (int minute = 0; minute < 30; minute++) {
            for (String instance : List.of("a", "b", "c")) {
                batch.add(ping(instance, NOON.plusSeconds(60L * minute), "2.3" + minute % 10 + ".0"));
            }
        }
        TelemetryPingEvent latestOfA = batch.get(batch.size() - 3);
        batch.add(ping("a", NOON.plusSeconds(86_400), "9.9.9"));       // the next day: another row
        Collections.shuffle(batch, new Random(7));
        batch.add(batch.get(0));                                        // twice in the batch

        PingStore.Outcome first = store.store(batch, MARKED).await().atMost(WAIT);
        assertEquals(new PingStore.Outcome(91, 1), first);
        assertEquals(91, count("SELECT count(*) FROM installation_ping"));
        assertEquals(4, count("SELECT count(*) FROM installation_day"));
        assertEquals(latestOfA.eventId(), text("SELECT event_id FROM installation_day WHERE instance_id = 'a' AND day = '2026-11-20'"));
        assertEquals("2.39.0", text("SELECT platform_version FROM installation_day WHERE instance_id = 'a' AND day = '2026-11-20'"));
        assertEquals("2026-11-20,2026-11-21", marks(), "each changed day once");

        // Redelivered, plus an older ping of a day already stored: nothing changes, nothing is marked.
        execute("DELETE FROM view_dirty_day WHERE view_name = '" + MARKED + "'");
        List<TelemetryPingEvent> again = new ArrayList<>(batch);
        again.add(ping("a", NOON.minusSeconds(3_600), "1.0.0"));
        PingStore.Outcome second = store.store(again, MARKED).await().atMost(WAIT);
        assertEquals(new PingStore.Outcome(1, 92), second);
        assertEquals(latestOfA.eventId(), text("SELECT event_id FROM installation_day WHERE instance_id = 'a' AND day = '2026-11-20'"));
        assertEquals("", marks());

        // A late ping that is the latest of an earlier day marks that day dirty.
        store.store(List.of(ping("d", NOON.minusSeconds(5 * 86_400), "2.33.2")), MARKED).await().atMost(WAIT);
        assertEquals("2026-11-15", marks());
    }

    @Test
    void everyStoreThatChangesADayMovesTheCounterThePausedRefreshWatches() throws SQLException {
        // InstallationViewsRefresher ends a pause early when this counter stands still: a store must move it, and
        // a batch that changes nothing (all stored before) must not, or a redelivery would look like activity.
        long before = count(InstallationViewsRefresher.MARKS_WRITTEN);
        List<TelemetryPingEvent> batch = List.of(ping("q", NOON, "2.30.0"), ping("q", NOON.plusSeconds(86_400), "2.30.0"));
        store.store(batch, MARKED).await().atMost(WAIT);
        long afterStore = count(InstallationViewsRefresher.MARKS_WRITTEN);
        assertEquals(2, afterStore - before, "one mark per changed day");
        store.store(batch, MARKED).await().atMost(WAIT);
        assertEquals(afterStore, count(InstallationViewsRefresher.MARKS_WRITTEN), "nothing changed, nothing marked");
    }

    @Test
    void theSameBatchStoredTwiceAtOnceIsStoredOnceWithoutAnError() throws SQLException {
        List<TelemetryPingEvent> batch = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            batch.add(ping("i" + (i % 700), NOON.plusSeconds(i), "2.33.2"));
        }
        List<PingStore.Outcome> outcomes = Uni.join().all(store.store(batch, MARKED), store.store(batch, MARKED)).andFailFast()
                .await().atMost(WAIT);

        assertEquals(2_000, outcomes.get(0).stored() + outcomes.get(1).stored(), outcomes.toString());
        assertEquals(2_000, count("SELECT count(*) FROM installation_ping"));
        assertEquals(700, count("SELECT count(*) FROM installation_day"));
        assertEquals(0, count("SELECT count(*) FROM installation_day d JOIN installation_ping p USING (instance_id, day) "
                + "WHERE p.received_at > d.received_at"), "every day keeps its latest ping");
    }

    private static TelemetryPingEvent ping(String instance, Instant at, String version) {
        TelemetryPing ping = new TelemetryPing(instance, new TelemetryPing.Os("Linux", "6.8.0", "x64"),
                new TelemetryPing.Env("v20.19.4", version),
                new TelemetryPing.Platform(new TelemetryPing.Counts(1L, 1L, 2L, null, 3L, null, null, null,
                        null, null, null, null, null, null), new TelemetryPing.Config("docker", null, null, null), null));
        return new TelemetryPingEvent(1, UUID.randomUUID().toString(), at, "ping", null, ping, null);
    }

    private String marks() throws SQLException {
        return text("SELECT coalesce(string_agg(day::text, ',' ORDER BY day), '') FROM view_dirty_day WHERE view_name = '"
                + MARKED + "'");
    }

    private long count(String sql) throws SQLException {
        return Long.parseLong(text(sql));
    }

    private String text(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
