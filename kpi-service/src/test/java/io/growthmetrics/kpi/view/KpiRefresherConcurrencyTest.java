package io.growthmetrics.kpi.view;

import io.agroal.api.AgroalDataSource;
import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.growthmetrics.kpi.config.KpiConfig;
import io.growthmetrics.kpi.config.KpiDefinitions;
import io.growthmetrics.kpi.domain.kpi.Weeks;
import io.growthmetrics.kpi.view.kpi.KpiRefresher;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two kpi-service instances refreshing the KPIs at once (deploy/kubernetes runs 2): each refresh replaces
 * {@code kpi_weekly} (and, the first time in an instance, {@code kpi_definition}) with a DELETE then an INSERT.
 * Without {@link KpiRefresher#LOCK_KEY}'s advisory lock the second's DELETE does not see the first's new rows and its
 * INSERT fails on the primary key. Here two refreshes start together, each on its own Vert.x context, session and
 * connection as in two instances, many times: both must succeed and leave exactly the rows one refresh alone leaves.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KpiRefresherConcurrencyTest {

    private static final int ROUNDS = 30;
    private static final LocalDate WEEK = Weeks.monday(LocalDate.now(ZoneOffset.UTC));

    @Inject
    AgroalDataSource db;

    @Inject
    KpiRefresher refresher;

    @Inject
    KpiConfig config;

    @Inject
    KpiDefinitions definitions;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    private ExecutorService threads;

    @BeforeAll
    void startThreads() {
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    void stopThreads() {
        threads.shutdownNow();
    }

    /** Two years of merged pull requests and MQL figures: several hundred weekly rows, so a refresh takes a while. */
    @BeforeEach
    void inputs() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE kpi_observation, merged_pull_request, kpi_weekly, carr_contract, carr_goal");
            try (PreparedStatement pr = c.prepareStatement("INSERT INTO merged_pull_request (repository_key, number, "
                    + "repository, merged_at) VALUES ('flowfuse/flowfuse', ?, 'flowfuse/flowfuse', ?)");
                 PreparedStatement mql = c.prepareStatement("INSERT INTO kpi_observation (kpi, source, week_start, "
                         + "whole_week, observed_at, value) VALUES ('mqls', 'hubspot', ?, true, ?, ?)")) {
                for (int week = 0; week < 104; week++) {
                    LocalDate monday = WEEK.minusWeeks(week);
                    Timestamp start = Timestamp.from(monday.atStartOfDay().toInstant(ZoneOffset.UTC));
                    for (int n = 0; n <= week % 5; n++) {
                        pr.setLong(1, week * 10L + n);
                        pr.setTimestamp(2, Timestamp.from(monday.atTime(10, n).toInstant(ZoneOffset.UTC)));
                        pr.addBatch();
                    }
                    mql.setObject(1, monday);
                    mql.setTimestamp(2, start);
                    mql.setLong(3, 20 + week % 7);
                    mql.addBatch();
                }
                pr.executeBatch();
                mql.executeBatch();
            }
        }
    }

    @Test
    void twoRefreshesAtOnceTakeTurnsAndLeaveTheSameWeeks() throws Exception {
        int expectedCount = refresh(refresher);
        List<String> expected = rows("SELECT kpi, week_start, value, previous_value, wow_growth_pct, target_value, "
                + "on_track FROM kpi_weekly ORDER BY kpi, week_start");
        assertEquals(expectedCount, expected.size());
        assertTrue(expected.size() > 200, "enough weeks to make the refreshes overlap: " + expected.size());
        for (int round = 0; round < ROUNDS; round++) {
            assertEquals(List.of(expectedCount, expectedCount), together(refresher, refresher), "round " + round);
            assertEquals(expected, rows("SELECT kpi, week_start, value, previous_value, wow_growth_pct, target_value, "
                    + "on_track FROM kpi_weekly ORDER BY kpi, week_start"), "round " + round);
        }
    }

    /** Two instances starting together: each writes the definitions in its first refresh. */
    @Test
    void twoInstancesStartingTogetherBothWriteTheDefinitions() throws Exception {
        int expectedCount = refresh(refresher);
        List<String> weeks = rows("SELECT kpi, week_start, value, previous_value, wow_growth_pct, target_value, "
                + "on_track FROM kpi_weekly ORDER BY kpi, week_start");
        List<String> defined = rows("SELECT key, position, name, unit, kind, source, target_kind, target_value, "
                + "target_kpi, description FROM kpi_definition ORDER BY key");
        assertEquals(definitions.all().size(), defined.size(), defined.toString());
        for (int round = 0; round < ROUNDS; round++) {
            KpiRefresher first = new KpiRefresher(config, definitions, clock, registry);
            KpiRefresher second = new KpiRefresher(config, definitions, clock, registry);
            assertEquals(List.of(expectedCount, expectedCount), together(first, second), "round " + round);
            assertEquals(defined, rows("SELECT key, position, name, unit, kind, source, target_kind, target_value, "
                    + "target_kpi, description FROM kpi_definition ORDER BY key"), "round " + round);
            assertEquals(weeks, rows("SELECT kpi, week_start, value, previous_value, wow_growth_pct, target_value, "
                    + "on_track FROM kpi_weekly ORDER BY kpi, week_start"), "round " + round);
        }
    }

    /** Both refreshes released at the same moment, each from its own thread (so its own Vert.x context and session). */
    private List<Integer> together(KpiRefresher a, KpiRefresher b) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        Future<Integer> first = threads.submit(() -> {
            start.await();
            return refresh(a);
        });
        Future<Integer> second = threads.submit(() -> {
            start.await();
            return refresh(b);
        });
        List<Integer> written = new ArrayList<>();
        for (Future<Integer> refresh : List.of(first, second)) {
            try {
                written.add(refresh.get(120, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                fail("a refresh failed while another ran: " + e.getCause(), e.getCause());
            }
        }
        return written;
    }

    /** One refresh, on a Vert.x context as the scheduler runs it. */
    private static int refresh(KpiRefresher refresher) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(refresher::refresh);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i == 1 ? "" : " | ").append(r.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
