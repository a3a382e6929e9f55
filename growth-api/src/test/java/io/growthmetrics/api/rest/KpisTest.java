package io.growthmetrics.api.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.growthmetrics.api.domain.IsoWeek;
import io.growthmetrics.api.testing.KpiViewsSchema;
import io.growthmetrics.api.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /api/v1/kpis over rows in kpi_definition and kpi_weekly (kpi-service's real migration). */
@QuarkusTest
@WithTestResource(KpiViewsSchema.class)
class KpisTest {

    @BeforeEach
    void kpis() {
        TestDatabase.executeAll("TRUNCATE kpi_definition, kpi_weekly",
                """
                INSERT INTO kpi_definition (key, position, name, unit, kind, source, target_kind, target_value, target_kpi,
                                            description) VALUES
                ('nrActiveInstances', 2, 'NR Active Instances', 'instances', 'stock', 'installations.nr-instances',
                 'wow-growth', 10, NULL, 'hosted + remote'),
                ('carrClosed', 3, 'CARR Closed', 'USD', 'stock', 'revenue.carr-closed', 'kpi', NULL, 'carrGoal', ''),
                ('carrGoal', 4, 'CARR Goal', 'USD', 'stock', 'revenue.carr-goal', 'none', NULL, NULL, ''),
                ('mqls', 1, 'MQLs', 'leads', 'flow', 'observations', 'goal', 50, NULL, '')""",
                """
                INSERT INTO kpi_weekly (kpi, week_start, value, previous_value, wow_growth_pct, target_value, on_track) VALUES
                ('nrActiveInstances', '2026-11-09', 100, NULL, NULL, NULL, NULL),
                ('nrActiveInstances', '2026-11-16', 110, 100, 10.00, 110.00, true),
                ('nrActiveInstances', '2026-11-23', 115, 110, 4.55, 121.00, false),
                ('carrClosed', '2026-11-16', 1200000.00, 0.00, NULL, 2000000.00, false),
                ('carrGoal', '2026-11-16', 2000000.00, 2000000.00, 0.00, NULL, NULL),
                ('mqls', '2026-11-16', 61, NULL, NULL, 50, true)""");
    }

    @Test
    void aWeeksKpisInReviewOrderWithTargetsAndNullsForMissingData() {
        given().queryParam("week", "2026-W47").when().get("/api/v1/kpis").then().statusCode(200)
                .body("week", equalTo("2026-W47"))
                .body("kpis.key", contains("mqls", "nrActiveInstances", "carrClosed", "carrGoal"))
                .body("kpis[0].kind", equalTo("flow"))
                .body("kpis[0].value", equalTo(61))
                .body("kpis[0].target.kind", equalTo("goal"))
                .body("kpis[0].target.goal", equalTo(50))
                .body("kpis[0].onTrack", equalTo(true))
                .body("kpis[1].name", equalTo("NR Active Instances"))
                .body("kpis[1].unit", equalTo("instances"))
                .body("kpis[1].value", equalTo(110))
                .body("kpis[1].previousValue", equalTo(100))
                .body("kpis[1].wowGrowthPct", equalTo(10.00f))
                .body("kpis[1].target.kind", equalTo("wow-growth"))
                .body("kpis[1].target.wowGrowthPct", equalTo(10))
                .body("kpis[1].target.value", equalTo(110.00f))
                .body("kpis[2].target.kind", equalTo("kpi"))
                .body("kpis[2].target.kpi", equalTo("carrGoal"))
                .body("kpis[2].onTrack", equalTo(false))
                .body("kpis[3].target.kind", equalTo("none"));

        // a week nothing was computed for: every KPI listed, with null values, never an error
        given().queryParam("week", "2020-W01").when().get("/api/v1/kpis").then().statusCode(200)
                .body("kpis", hasSize(4))
                .body("kpis[1].value", nullValue())
                .body("kpis[1].wowGrowthPct", nullValue())
                .body("kpis[1].onTrack", nullValue())
                .body("kpis[1].target.kind", equalTo("wow-growth"));
    }

    @Test
    void theWeekDefaultsToTheCurrentOne() {
        String current = IsoWeek.of(LocalDate.now(ZoneOffset.UTC)).label();
        given().when().get("/api/v1/kpis").then().statusCode(200).body("week", equalTo(current));
    }

    @Test
    void oneKpisHistoryHasEveryWeekOfTheRange() {
        given().queryParam("from", "2026-W45").queryParam("to", "2026-11-29")
                .when().get("/api/v1/kpis/nrActiveInstances/weekly").then().statusCode(200)
                .body("key", equalTo("nrActiveInstances"))
                .body("kind", equalTo("stock"))
                .body("weeks.week", contains("2026-W45", "2026-W46", "2026-W47", "2026-W48"))
                .body("weeks.value", contains(null, 100, 110, 115))
                .body("weeks[3].onTrack", equalTo(false))
                .body("weeks[3].target.value", equalTo(121.00f));
        given().when().get("/api/v1/kpis/nrActiveInstances/weekly").then().statusCode(200)
                .body("weeks", hasSize(KpisResource.DEFAULT_WEEKS));
    }

    @Test
    void theReviewSaysWhatMovedInJsonOrMarkdown() {
        TestDatabase.clearInstallations();
        TestDatabase.clearRevenue();
        TestDatabase.insertBreakdown(LocalDate.parse("2026-11-15"), false, "driver", "docker", 10, 0, 0);
        TestDatabase.insertBreakdown(LocalDate.parse("2026-11-22"), false, "driver", "docker", 14, 0, 0);
        TestDatabase.insertBreakdown(LocalDate.parse("2026-11-15"), false, "os", "Windows", 5, 0, 0);
        TestDatabase.insertBreakdown(LocalDate.parse("2026-11-22"), false, "os", "Linux", 2, 0, 0);
        TestDatabase.insertBreakdown(LocalDate.parse("2026-11-22"), true, "os", "Linux", 99, 0, 0);
        TestDatabase.executeAll("""
                INSERT INTO mrr_movement (day, currency, customer_id, type, delta_cents) VALUES
                ('2026-11-17', 'usd', 'cus_1', 'new', 3000), ('2026-11-18', 'usd', 'cus_2', 'new', 1500),
                ('2026-11-19', 'usd', 'cus_3', 'churn', -900), ('2026-11-24', 'usd', 'cus_4', 'new', 100000),
                ('2026-11-19', 'eur', 'cus_5', 'new', 7)""", """
                INSERT INTO carr_contract (contract_id, customer, annual_value_cents, currency, status, signed_date,
                                           updated_at, event_id) VALUES
                ('k1', 'Acme', 12000000, 'usd', 'signed', '2026-11-18', now(), 'e1'),
                ('k2', 'Later', 5, 'usd', 'signed', '2026-11-25', now(), 'e2')""");

        given().queryParam("week", "2026-W47").when().get("/api/v1/kpis/review").then().statusCode(200)
                .contentType("application/json")
                .body("week", equalTo("2026-W47"))
                .body("kpis.key", contains("mqls", "nrActiveInstances", "carrClosed", "carrGoal"))
                .body("installationChanges.value", contains("Windows", "docker", "Linux"))
                .body("installationChanges.change", contains(-5, 4, 2))
                .body("mrrMovements.type", contains("churn", "new"))
                .body("mrrMovements[1].customers", equalTo(2))
                .body("mrrMovements[1].deltaCents", equalTo(4500))
                .body("newContracts.customer", contains("Acme"));

        String markdown = given().accept("text/markdown").queryParam("week", "2026-W47").when()
                .get("/api/v1/kpis/review").then().statusCode(200).contentType("text/markdown").extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(markdown.startsWith("# Weekly review 2026-W47\n"), markdown);
        for (String line : new String[] {"| NR Active Instances | 110 instances | +10.00 % | +10 % WoW (110) | on track |",
                "| MQLs | 61 leads | – | 50 | on track |", "| CARR Closed | 1,200,000.00 USD | – | carrGoal (2,000,000.00) | **off track** |",
                "- Installations: os Windows -5 (5 → 0), driver docker +4 (10 → 14), os Linux +2 (0 → 2).",
                "- MRR movements (USD): churn -9.00 (1 customer), new +45.00 (2 customers).",
                "- New contracts: Acme 120,000.00 USD ARR (2026-11-18)."}) {
            org.junit.jupiter.api.Assertions.assertTrue(markdown.contains(line), "missing: " + line + "\n" + markdown);
        }
        given().queryParam("week", "2026-W99").when().get("/api/v1/kpis/review").then().statusCode(400)
                .body("parameter", equalTo("week"));
    }

    @Test
    void badParametersAreNamedAndUnknownKeysAre404() {
        for (String week : new String[] {"2026-W54", "2027-W53", "2026-W7", "2026-47", "0000-W01", "W47"}) {
            given().queryParam("week", week).when().get("/api/v1/kpis").then().statusCode(400)
                    .contentType(Problem.MEDIA_TYPE).body("parameter", equalTo("week"));
        }
        given().queryParam("from", "2026-W48").queryParam("to", "2026-W47")
                .when().get("/api/v1/kpis/mqls/weekly").then().statusCode(400).body("parameter", equalTo("from"));
        given().queryParam("from", "2000-W01").queryParam("to", "2026-W47")
                .when().get("/api/v1/kpis/mqls/weekly").then().statusCode(400).body("parameter", equalTo("to"));
        given().queryParam("from", "2026-02-30").when().get("/api/v1/kpis/mqls/weekly").then().statusCode(400)
                .body("parameter", equalTo("from"));
        given().when().get("/api/v1/kpis/nope/weekly").then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("parameter", equalTo("key"));
    }
}
