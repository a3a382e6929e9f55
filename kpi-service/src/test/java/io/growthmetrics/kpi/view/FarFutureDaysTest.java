package io.growthmetrics.kpi.view;

import io.agroal.api.AgroalDataSource;
import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A day far in the future left in the tables (an old import's 9999-12-31, from before the rules refused it) never
 * makes a refresh recompute millions of days: the views are materialized up to today and that day is ignored.
 * Without the bound, each refresh would run until {@code kpi.refresh-timeout} and the views would never catch up.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class FarFutureDaysTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    AgroalDataSource db;

    @Test
    void aDirtyDayIn9999IsIgnoredAndTheViewsStillReachToday() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        execute("TRUNCATE installation_ping, installation_day, installations_daily, installations_breakdown_daily, "
                + "subscription_event, subscription_event_item, revenue_catalog, revenue_product, mrr_daily, mrr_movement");
        String day = """
                INSERT INTO installation_day VALUES ('%s', '%s', gen_random_uuid(), '%sT00:00:00Z', false, 'docker',
                    'linux', '2.33.0', 'v20', 'CE', 1, 0)""";
        execute(day.formatted(today, "now", today));
        execute(day.formatted("9999-12-31", "far", "9999-12-31"));
        String event = """
                INSERT INTO subscription_event VALUES ('%s', 'sub_%s', 'cus_1', 'customer.subscription.created',
                    '%sT00:00:00Z', 'webhook', false, 'active', 'usd', false, NULL, false, '{}')""";
        execute(event.formatted("evt_now", "now", today.minusDays(1)));
        execute(event.formatted("evt_far", "far", "9999-12-31"));
        execute("UPDATE view_refresh SET dirty_from = '9999-12-31', materialized_from = NULL, materialized_to = NULL, "
                + "window_days = NULL, settings = NULL");

        await().atMost(WAIT).untilAsserted(() -> {
            assertEquals(today.toString(), single("SELECT max(day) FROM installations_daily"));
            assertEquals("1", single("SELECT installations FROM read_installations_daily WHERE include_dev = false "
                    + "AND day = '" + today + "'"));
            assertEquals(today.toString(), single("SELECT materialized_to FROM view_refresh "
                    + "WHERE view_name = 'installations'"));
            assertEquals(today.toString(), single("SELECT materialized_to FROM view_refresh WHERE view_name = 'revenue'"));
        });

        // A dirty day after tomorrow later on is dropped, not computed towards.
        execute("UPDATE view_refresh SET dirty_from = '9999-12-31'");
        await().atMost(WAIT).untilAsserted(() -> {
            assertEquals(null, single("SELECT dirty_from FROM view_refresh WHERE view_name = 'installations'"));
            assertEquals(null, single("SELECT dirty_from FROM view_refresh WHERE view_name = 'revenue'"));
        });
        assertEquals(today.toString(), single("SELECT max(day) FROM installations_daily"));
        execute("TRUNCATE installation_day, installations_daily, installations_breakdown_daily, subscription_event, "
                + "subscription_event_item, "
                + "mrr_daily, mrr_movement");
        execute("UPDATE view_refresh SET dirty_from = NULL, materialized_from = NULL, materialized_to = NULL, "
                + "window_days = NULL, settings = NULL");
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private String single(String query) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            return r.next() ? r.getString(1) : null;
        }
    }
}
