package io.growthmetrics.kpi.view;

import io.agroal.api.AgroalDataSource;
import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.growthmetrics.kpi.domain.kpi.TopValues;
import io.growthmetrics.kpi.domain.kpi.Weeks;
import io.growthmetrics.kpi.view.metrics.BusinessGauges;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The business figures on /q/metrics, read from real views in PostgreSQL, in Prometheus' text format. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class BusinessGaugesTest {

    @Inject
    AgroalDataSource db;

    @Inject
    BusinessGauges gauges;

    @Test
    void theViewsFiguresAreGaugesWithBoundedLabels() throws Throwable {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE installation_ping, installation_day, installations_daily, installations_breakdown_daily, "
                    + "mrr_daily, kpi_weekly, snapshot_day, snapshot_metric");
            s.execute("UPDATE view_refresh SET dirty_from = NULL, materialized_from = NULL, materialized_to = NULL, "
                    + "window_days = NULL WHERE view_name = 'installations'");
            s.execute("INSERT INTO installations_daily VALUES ('" + today.minusDays(1) + "', false, 40, 1, 1, 0, 0), ('"
                    + today + "', false, 42, 300, 500, 3, 1), ('" + today + "', true, 99, 1, 1, 0, 0)");
            StringBuilder drivers = new StringBuilder("INSERT INTO installations_breakdown_daily VALUES ");
            for (int i = 1; i <= 10; i++) {
                drivers.append(i > 1 ? "," : "").append("('").append(today).append("', false, 'driver', 'd").append(i)
                        .append("', ").append(i).append(", 0, 0)");
            }
            s.execute(drivers + ",('" + today + "', false, 'os', 'Linux', 40, 0, 0)");
            s.execute("INSERT INTO mrr_daily VALUES ('" + today + "', 'usd', 'prod_a', 30000, 3), ('" + today
                    + "', 'usd', 'prod_b', 12345.5, 1), ('" + today + "', 'eur', 'prod_a', 1000, 1)");
            s.execute("INSERT INTO kpi_weekly VALUES ('mqls', '" + Weeks.monday(today) + "', 61, 50, 22.00, 52.50, true), "
                    + "('carrGoal', '" + Weeks.monday(today) + "', 2000000, NULL, NULL, NULL, NULL)");
            s.execute("INSERT INTO snapshot_day VALUES ('" + today.minusDays(1) + "', '[]', now() - interval '2 hours')");
            s.execute("INSERT INTO snapshot_metric VALUES ('" + today.minusDays(1) + "', 'mqtt.teams', 12), ('"
                    + today.minusDays(1) + "', 'platform.instanceCount', 640)");
        }
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> gauges.refresh());

        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : List.of("growth_installations_active 42.0", "growth_instances{kind=\"hosted\"} 300.0",
                "growth_instances{kind=\"remote\"} 500.0", "growth_installations_by_driver{driver=\"d10\"} 10.0",
                "growth_installations_by_driver{driver=\"d3\"} 3.0", "growth_installations_by_driver{driver=\"other\"} 3.0",
                "growth_installations_by_os{os=\"Linux\"} 40.0",
                "growth_mrr{currency=\"usd\",product=\"prod_a\"} 300.0", "growth_mrr{currency=\"usd\",product=\"prod_b\"} 123.455",
                "growth_arr{currency=\"usd\"} 5081.46", "growth_arr{currency=\"eur\"} 120.0",
                "growth_kpi_value{kpi=\"mqls\"} 61.0", "growth_kpi_target{kpi=\"mqls\"} 52.5",
                "growth_kpi_on_track{kpi=\"mqls\"} 1.0", "growth_kpi_value{kpi=\"carrGoal\"} 2000000.0",
                "growth_snapshot_metric{metric=\"platform.instanceCount\"} 640.0")) {
            assertTrue(metrics.contains(line + "\n"), () -> "missing '" + line + "' in:\n" + grep(metrics));
        }
        assertTrue(!metrics.contains("driver=\"d2\""), "d1 and d2 are in other");
        assertTrue(!metrics.contains("growth_kpi_on_track{kpi=\"carrGoal\"}"), "no verdict, no series");
        double age = Double.parseDouble(metrics.lines().filter(l -> l.startsWith("growth_snapshot_age_seconds "))
                .findFirst().orElseThrow().split(" ")[1]);
        assertTrue(age > 7100 && age < 7300, "two hours: " + age);
    }

    @Test
    void topValuesKeepTheLargestAndSumTheRestAsOther() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("a", 5L);
        counts.put("b", 9L);
        counts.put("c", 1L);
        counts.put("other", 2L);
        assertEquals(Map.of("b", 9L, "a", 5L, "other", 3L), TopValues.of(counts, 2));
        assertEquals(Map.of("b", 9L, "a", 5L, "c", 1L, "other", 2L), TopValues.of(counts, 5));
        assertEquals(Map.of(), TopValues.of(Map.of(), 3));
    }

    private static String grep(String metrics) {
        return String.join("\n", metrics.lines().filter(l -> l.startsWith("growth_")).toList());
    }
}
