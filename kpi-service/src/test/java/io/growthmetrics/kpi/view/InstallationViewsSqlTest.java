package io.growthmetrics.kpi.view;

import io.agroal.api.AgroalDataSource;
import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.growthmetrics.contracts.telemetry.TelemetryPing;
import io.growthmetrics.contracts.telemetry.TelemetryPingEvent;
import io.growthmetrics.kpi.config.KpiConfig;
import io.growthmetrics.kpi.domain.ActivityTracker;
import io.growthmetrics.kpi.domain.DayFigures;
import io.growthmetrics.kpi.domain.Dimension;
import io.growthmetrics.kpi.domain.InstallationDay;
import io.growthmetrics.kpi.domain.Totals;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The installations views are computed by the database ({@link InstallationViewsRefresher#RECOMPUTE_DAY}); the
 * active-installation rules are written, and unit-tested, in plain Java ({@link ActivityTracker}). Here both meet:
 * seeded random histories (installations that start, pause, stop, switch to and from developer builds, change
 * driver, OS and counts; windows of 1, 3, 7 and 14 days) go into {@code installation_day}, the refresher rebuilds the
 * views, and every row of both views must equal the Java rules' figures for every day. Then the store's own upkeep
 * of the last computed day ({@link PingStore#STORE_BATCH}) is held to that recompute, batch after batch.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class InstallationViewsSqlTest {

    private static final int DAYS = 45;
    private static final List<String> DRIVERS = List.of("docker", "kubernetes", "localfs", "stub");
    private static final List<String> OSES = List.of("Linux", "Darwin", "Windows_NT");
    private static final List<String> VERSIONS = List.of("2.31.0", "2.33.2", "2.34.0", "2.35.0-git");

    @Inject
    AgroalDataSource db;

    @Inject
    InstallationViewsRefresher refresher;

    @Inject
    KpiConfig config;

    @Inject
    PingStore store;

    @Inject
    Scheduler scheduler;

    @Test
    void theDatabaseGivesExactlyTheFiguresOfTheJavaRulesForEveryDay() throws Throwable {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        int[] windows = {7, 3, 1, 14};
        for (int seed = 0; seed < windows.length; seed++) {
            Random random = new Random(seed);
            List<InstallationDay> rows = history(random, today);
            int window = windows[seed];
            execute("TRUNCATE installation_ping, installation_day, installations_daily, installations_breakdown_daily");
            insert(rows);
            // The scheduled refresh finds nothing to do (all materialized, nothing dirty): only this rebuild writes.
            execute("UPDATE view_refresh SET dirty_from = NULL, materialized_from = '" + rows.get(0).day()
                    + "', materialized_to = '" + today + "', window_days = " + config.activeWindowDays()
                    + " WHERE view_name = 'installations'");
            VertxContextSupport.subscribeAndAwait(() -> refresher.recomputeWith(window, rows.get(0).day(), today));

            List<String> expected = javaFigures(rows, window, today);
            List<String> actual = viewRows();
            assertTrue(expected.size() > DAYS * 2, "figures: " + expected.size());
            assertEquals(expected, actual, "seed " + seed + ", window " + window);
        }
        emptyViews();
    }

    /** What the tests leave: no installation data, the views never computed. */
    private void emptyViews() throws SQLException {
        execute("TRUNCATE installation_ping, installation_day, installations_daily, installations_breakdown_daily");
        execute("UPDATE view_refresh SET dirty_from = NULL, materialized_from = NULL, materialized_to = NULL, "
                + "window_days = NULL WHERE view_name = 'installations'");
    }

    @Test
    void storingTodaysPingsKeepsTodaysRowsExactlyAsARecomputeGivesThem() throws Throwable {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        int[] windows = {7, 3, 1, 14};
        scheduler.pause(); // no refresh: what today's rows become is the store's doing alone
        try {
            for (int seed = 0; seed < windows.length; seed++) {
                Random random = new Random(100 + seed);
                int window = windows[seed];
                materializeWithPartOfToday(random, window, today);
                long changesBefore = Long.parseLong(text(InstallationViewsRefresher.MARKS_WRITTEN));
                List<TelemetryPingEvent> sent = new ArrayList<>();
                for (int batch = 0; batch < 40; batch++) {
                    List<TelemetryPingEvent> pings = new ArrayList<>();
                    for (int n = 1 + random.nextInt(40); n > 0; n--) {
                        // a redelivery now and then; else one of the history's installations or a new one, with
                        // attributes that may move it between values, into or out of developer builds
                        pings.add(!sent.isEmpty() && random.nextInt(10) == 0 ? sent.get(random.nextInt(sent.size()))
                                : todaysPing(random, today, "sql-" + random.nextInt(150)));
                    }
                    sent.addAll(pings);
                    store.store(pings).await().atMost(Duration.ofSeconds(30));
                }
                assertEquals("0", text("SELECT count(*) FROM view_dirty_day WHERE view_name = 'installations'"),
                        "today's pings leave nothing to recompute");
                assertTrue(Long.parseLong(text(InstallationViewsRefresher.MARKS_WRITTEN)) > changesBefore,
                        "yet a paused refresh sees the consumers busy");
                List<String> kept = viewRows(today);
                VertxContextSupport.subscribeAndAwait(() -> refresher.recomputeWith(window, today, today));
                List<String> recomputed = viewRows(today);
                assertTrue(recomputed.size() > 10, "rows: " + recomputed.size());
                assertEquals(recomputed, kept, "seed " + seed + ", window " + window);
            }
        } finally {
            scheduler.resume();
            emptyViews();
        }
    }

    @Test
    void storesOfTodayAndRecomputesOfTodayAtOnceWaitForEachOtherAndLoseNothing() throws Throwable {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        int window = 7;
        Random random = new Random(200);
        scheduler.pause();
        try {
            materializeWithPartOfToday(random, window, today);
            for (int round = 0; round < 60; round++) {
                // two consumers (each its own installations, as partitions give them) and a refresh of today
                List<TelemetryPingEvent> even = new ArrayList<>();
                List<TelemetryPingEvent> odd = new ArrayList<>();
                for (int n = 0; n < 30; n++) {
                    int i = random.nextInt(150);
                    (i % 2 == 0 ? even : odd).add(todaysPing(random, today, "sql-" + i));
                }
                VertxContextSupport.subscribeAndAwait(() -> Uni.join().all(store.store(even).replaceWithVoid(),
                        store.store(odd).replaceWithVoid(), refresher.recomputeWith(window, today, today))
                        .andFailFast().replaceWithVoid());
            }
            List<String> kept = viewRows(today);
            VertxContextSupport.subscribeAndAwait(() -> refresher.recomputeWith(window, today, today));
            assertEquals(viewRows(today), kept);
        } finally {
            scheduler.resume();
            emptyViews();
        }
    }

    /** A seeded history up to yesterday and part of today, its views computed up to today with this window. */
    private void materializeWithPartOfToday(Random random, int window, LocalDate today) throws Throwable {
        List<InstallationDay> rows = history(random, today).stream()
                .filter(r -> r.day().isBefore(today) || random.nextBoolean()).toList();
        execute("TRUNCATE installation_ping, installation_day, installations_daily, installations_breakdown_daily");
        execute("DELETE FROM view_dirty_day WHERE view_name = 'installations'");
        insert(rows);
        execute("UPDATE view_refresh SET dirty_from = NULL, materialized_from = '" + rows.get(0).day()
                + "', materialized_to = '" + today + "', window_days = " + window
                + " WHERE view_name = 'installations'");
        VertxContextSupport.subscribeAndAwait(() -> refresher.recomputeWith(window, rows.get(0).day(), today));
    }

    private static TelemetryPingEvent todaysPing(Random random, LocalDate today, String instance) {
        Instant at = today.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(random.nextInt(86_400));
        TelemetryPing ping = new TelemetryPing(instance,
                new TelemetryPing.Os(OSES.get(random.nextInt(OSES.size())), "6.8.0", "x64"),
                new TelemetryPing.Env("v20." + random.nextInt(3), VERSIONS.get(random.nextInt(VERSIONS.size()))),
                new TelemetryPing.Platform(new TelemetryPing.Counts(1L, 1L, (long) random.nextInt(5), null,
                        (long) random.nextInt(40), null, null, null, null, null, null, null, null, null),
                        new TelemetryPing.Config(DRIVERS.get(random.nextInt(DRIVERS.size())), null, null, null),
                        new TelemetryPing.License(null, random.nextInt(5) == 0 ? "EE" : "CE")));
        return new TelemetryPingEvent(1, UUID.randomUUID().toString(), at, "ping", null, ping, null);
    }

    /** 120 installations over the last 45 days: each starts, pings on most days, may pause or stop, changes. */
    private static List<InstallationDay> history(Random random, LocalDate today) {
        List<InstallationDay> rows = new ArrayList<>();
        LocalDate first = today.minusDays(DAYS - 1);
        for (int i = 0; i < 120; i++) {
            String id = "sql-" + i;
            int start = random.nextInt(DAYS);
            int end = random.nextInt(4) == 0 ? start + random.nextInt(DAYS - start) : DAYS - 1;
            double pingChance = 0.3 + random.nextDouble() * 0.7;
            String driver = DRIVERS.get(random.nextInt(DRIVERS.size()));
            String version = VERSIONS.get(random.nextInt(VERSIONS.size()));
            for (int d = start; d <= end; d++) {
                if (random.nextDouble() > pingChance) {
                    continue;
                }
                if (random.nextInt(15) == 0) {
                    driver = DRIVERS.get(random.nextInt(DRIVERS.size()));
                }
                if (random.nextInt(15) == 0) {
                    version = VERSIONS.get(random.nextInt(VERSIONS.size()));
                }
                rows.add(new InstallationDay(first.plusDays(d), id, driver, OSES.get(i % OSES.size()), version,
                        "v20." + (i % 3), i % 5 == 0 ? "EE" : "CE", random.nextInt(5), random.nextInt(40)));
            }
        }
        rows.sort(Comparator.comparing(InstallationDay::day).thenComparing(InstallationDay::instanceId));
        return rows;
    }

    /** The Java rules' rows of both views, from the first day with data to today, in the order viewRows gives. */
    private static List<String> javaFigures(List<InstallationDay> rows, int window, LocalDate today) {
        ActivityTracker tracker = new ActivityTracker(window);
        TreeSet<String> daily = new TreeSet<>();
        TreeSet<String> breakdown = new TreeSet<>();
        int next = 0;
        for (LocalDate day = rows.get(0).day(); !day.isAfter(today); day = day.plusDays(1)) {
            while (next < rows.size() && !rows.get(next).day().isAfter(day)) {
                tracker.record(rows.get(next++));
            }
            for (DayFigures f : tracker.figuresFor(day)) {
                daily.add(String.join("|", "daily", f.day().toString(), Boolean.toString(f.includeDev()),
                        Integer.toString(f.totals().installations()), Long.toString(f.totals().hostedInstances()),
                        Long.toString(f.totals().remoteInstances()), Integer.toString(f.added()),
                        Integer.toString(f.removed())));
                for (Map.Entry<Dimension, Map<String, Totals>> dimension : f.breakdown().entrySet()) {
                    dimension.getValue().forEach((value, t) -> breakdown.add(String.join("|", "breakdown",
                            f.day().toString(), Boolean.toString(f.includeDev()), dimension.getKey().key(), value,
                            Integer.toString(t.installations()), Long.toString(t.hostedInstances()),
                            Long.toString(t.remoteInstances()))));
                }
            }
        }
        List<String> all = new ArrayList<>(daily);
        all.addAll(breakdown);
        return all;
    }

    private List<String> viewRows() throws SQLException {
        return viewRows(null);
    }

    /** Both views' rows as readers see them ({@code read_*}), of one day or (null) of all. */
    private List<String> viewRows(LocalDate only) throws SQLException {
        String where = only == null ? "" : " WHERE day = '" + only + "'";
        TreeSet<String> daily = new TreeSet<>();
        TreeSet<String> breakdown = new TreeSet<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT day, include_dev, installations, hosted_instances, remote_instances, "
                    + "added, removed FROM read_installations_daily" + where)) {
                while (r.next()) {
                    daily.add(String.join("|", "daily", r.getString(1), Boolean.toString(r.getBoolean(2)), r.getString(3),
                            r.getString(4), r.getString(5), r.getString(6), r.getString(7)));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT day, include_dev, dimension, value, installations, hosted_instances, "
                    + "remote_instances FROM read_installations_breakdown" + where)) {
                while (r.next()) {
                    breakdown.add(String.join("|", "breakdown", r.getString(1), Boolean.toString(r.getBoolean(2)),
                            r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getString(7)));
                }
            }
        }
        List<String> all = new ArrayList<>(daily);
        all.addAll(breakdown);
        return all;
    }

    private void insert(List<InstallationDay> rows) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO installation_day VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (InstallationDay row : rows) {
                ps.setObject(1, row.day());
                ps.setString(2, row.instanceId());
                ps.setObject(3, UUID.randomUUID());
                ps.setObject(4, row.day().atStartOfDay().atOffset(ZoneOffset.UTC));
                ps.setBoolean(5, row.isDev());
                ps.setString(6, row.driver());
                ps.setString(7, row.osType());
                ps.setString(8, row.platformVersion());
                ps.setString(9, row.nodejsVersion());
                ps.setString(10, row.licenseType());
                ps.setLong(11, row.hostedInstances());
                ps.setLong(12, row.remoteInstances());
                ps.addBatch();
            }
            ps.executeBatch();
        }
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
