package io.growthmetrics.api.rest;

import static io.growthmetrics.api.testing.Api.expectBadParameter;
import static io.growthmetrics.api.testing.Api.get;
import static io.growthmetrics.api.testing.TestDatabase.insertSnapshot;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.growthmetrics.api.testing.KpiViewsSchema;
import io.growthmetrics.api.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * /api/v1/snapshots over rows in snapshot_day and snapshot_metric, with the default derived metric
 * adoption.tables = tables.teams / platform.teamCount from application.properties.
 */
@QuarkusTest
@WithTestResource(KpiViewsSchema.class)
class SnapshotsTest {

    private static final String LATEST = "/api/v1/snapshots/latest";
    private static final String METRICS = "/api/v1/snapshots/metrics";
    private static final String PRO = "mqtt.clients{tier=pro}";

    @BeforeEach
    void snapshots() {
        TestDatabase.clearSnapshots();
        insertSnapshot(LocalDate.parse("2026-11-02"), "[{\"source\": \"platform\", \"error\": \"HTTP 503\"}]",
                "platform.teamCount", "0", "tables.teams", "0"); // zero denominator: no adoption.tables
        insertSnapshot(LocalDate.parse("2026-11-03"), "[]", "tables.teams", "4"); // no denominator at all
        insertSnapshot(LocalDate.parse("2026-11-05"), "[]", "platform.teamCount", "3", "tables.teams", "2");
        insertSnapshot(LocalDate.parse("2026-11-08"), "[]", "platform.teamCount", "24", "tables.teams", "6", PRO, "3");
        insertSnapshot(LocalDate.parse("2026-11-12"), "[]", "platform.teamCount", "30", "tables.teams", "10",
                "feature.launched", "7", "mqtt.clients{region=eu,tier=starter}", "11");
        insertSnapshot(LocalDate.parse("2026-11-16"), "[]", "platform.teamCount", "27", "tables.teams", "9", PRO, "4.5");
        insertSnapshot(LocalDate.parse("2026-11-22"), "[{\"source\": \"platform\", \"error\": \"timeout after 3 attempts\"}]",
                "tables.teams", "12", PRO, "5", "Zeta.upperCase", "1");
    }

    @Test
    void latestIsTheLastDayWithEveryMetricSortedByNameAndItsFailures() {
        get(LATEST)
                .statusCode(200)
                .body("date", equalTo("2026-11-22"))
                // the platform failed that day: no teamCount, so no adoption.tables either
                .body("metrics.keySet()", contains("Zeta.upperCase", PRO, "tables.teams"))
                .body("metrics.'" + PRO + "'", equalTo(5))
                .body("metrics.'tables.teams'", equalTo(12))
                .body("failures.source", contains("platform"))
                .body("failures[0].error", equalTo("timeout after 3 attempts"));
    }

    @Test
    void latestIncludesDerivedMetrics() {
        TestDatabase.clearSnapshots();
        insertSnapshot(LocalDate.parse("2026-11-12"), "[]", "platform.teamCount", "3", "tables.teams", "2");
        get(LATEST)
                .statusCode(200)
                .body("date", equalTo("2026-11-12"))
                .body("metrics.keySet()", contains("adoption.tables", "platform.teamCount", "tables.teams"))
                .body("metrics.'adoption.tables'", equalTo(0.666667))
                .body("failures", empty());
    }

    @Test
    void latestWithoutAnySnapshotIsA404Problem() {
        TestDatabase.clearSnapshots();
        get(LATEST)
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"))
                .body("detail", containsString("no snapshot"));
    }

    @Test
    void metricsListsStoredAndDerivedMetricsSortedByName() {
        get(METRICS)
                .statusCode(200)
                .body("name", contains("Zeta.upperCase", "adoption.tables", "feature.launched",
                        "mqtt.clients{region=eu,tier=starter}", PRO, "platform.teamCount", "tables.teams"))
                .body("find { it.name == 'feature.launched' }.firstDate", equalTo("2026-11-12"))
                .body("find { it.name == 'feature.launched' }.lastDate", equalTo("2026-11-12"))
                .body("find { it.name == 'tables.teams' }.firstDate", equalTo("2026-11-02"))
                .body("find { it.name == 'tables.teams' }.lastDate", equalTo("2026-11-22"))
                .body("find { it.name == 'tables.teams' }.latestValue", equalTo(12))
                .body("find { it.name == 'platform.teamCount' }.lastDate", equalTo("2026-11-16"))
                .body("find { it.name == 'platform.teamCount' }.latestValue", equalTo(27))
                .body("find { it.name == '" + PRO + "' }.latestValue", equalTo(5))
                // derived: first on 11-05 (11-02 divides by 0, 11-03 has no teamCount), last on 11-16
                .body("find { it.name == 'adoption.tables' }.firstDate", equalTo("2026-11-05"))
                .body("find { it.name == 'adoption.tables' }.lastDate", equalTo("2026-11-16"))
                .body("find { it.name == 'adoption.tables' }.latestValue", equalTo(0.333333));
    }

    @Test
    void aConfiguredDerivedMetricIsListedBeforeItHasValues() {
        TestDatabase.clearSnapshots();
        get(METRICS)
                .statusCode(200)
                .body("name", contains("adoption.tables"))
                .body("[0].firstDate", nullValue())
                .body("[0].lastDate", nullValue())
                .body("[0].latestValue", nullValue());
        get(METRICS + "/adoption.tables", "from", "2026-11-01", "to", "2026-11-30").statusCode(200).body("$", empty());
    }

    @Test
    void aMetricsValuesAreTheDaysInRangeThatHaveOne() {
        get(METRICS + "/platform.teamCount", "from", "2026-11-03", "to", "2026-11-16")
                .statusCode(200)
                .body("date", contains("2026-11-05", "2026-11-08", "2026-11-12", "2026-11-16"))
                .body("value", contains(3, 24, 30, 27));
        get(METRICS + "/feature.launched", "from", "2026-11-13", "to", "2026-11-30").statusCode(200).body("$", empty());
    }

    @Test
    void labelledNamesAreUrlDecoded() {
        given().urlEncodingEnabled(false).get(METRICS + "/mqtt.clients%7Btier%3Dpro%7D?from=2026-11-01&to=2026-11-30").then()
                .statusCode(200)
                .body("date", contains("2026-11-08", "2026-11-16", "2026-11-22"))
                .body("value", contains(3, 4.5f, 5));
        String encoded = URLEncoder.encode("mqtt.clients{region=eu,tier=starter}", StandardCharsets.UTF_8); // %2C too
        given().urlEncodingEnabled(false).get(METRICS + "/" + encoded + "?from=2026-11-01&to=2026-11-30").then()
                .statusCode(200)
                .body("date", contains("2026-11-12"))
                .body("value", contains(11));
        given().urlEncodingEnabled(false).get(METRICS + "/mqtt.clients%7Btier%3Dfree%7D?from=2026-11-01&to=2026-11-30").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("parameter", equalTo("name"))
                .body("detail", containsString("'mqtt.clients{tier=free}'"));
    }

    @Test
    void aDerivedMetricHasAValueOnlyWhereBothInputsExistAndTheDenominatorIsNotZero() {
        get(METRICS + "/adoption.tables", "from", "2026-11-01", "to", "2026-11-30")
                .statusCode(200)
                .body("date", contains("2026-11-05", "2026-11-08", "2026-11-12", "2026-11-16"))
                .body("value", contains(0.666667, 0.25, 0.333333, 0.333333))
                .body(containsString("{\"date\":\"2026-11-08\",\"value\":0.250000}")); // always 6 decimals
    }

    @Test
    void anUnknownMetricIsA404ProblemNamingName() {
        get(METRICS + "/platform.teamcount", "from", "2026-11-01", "to", "2026-11-30")
                .statusCode(404)
                .contentType("application/problem+json")
                .body("keySet()", containsInAnyOrder("type", "title", "status", "detail", "parameter"))
                .body("status", equalTo(404))
                .body("parameter", equalTo("name"))
                .body("detail", containsString("platform.teamcount"));
    }

    @Test
    void rejectsBadRanges() {
        String path = METRICS + "/platform.teamCount";
        expectBadParameter("from", "required", path, "to", "2026-11-30");
        expectBadParameter("to", "YYYY-MM-DD", path, "from", "2026-11-01", "to", "2026-11-31");
        expectBadParameter("from", "must not be after", path, "from", "2026-12-01", "to", "2026-11-30");
        expectBadParameter("to", "at most 3660", path, "from", "2000-01-01", "to", "2026-11-30");
    }

    @Test
    void rangeErrorsComeBeforeTheUnknownMetric() {
        expectBadParameter("from", "required", METRICS + "/no.such.metric", "to", "2026-11-30");
    }
}
