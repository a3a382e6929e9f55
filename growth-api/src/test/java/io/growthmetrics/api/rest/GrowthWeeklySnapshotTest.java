package io.growthmetrics.api.rest;

import static io.growthmetrics.api.testing.Api.expectBadParameter;
import static io.growthmetrics.api.testing.Api.get;
import static io.growthmetrics.api.testing.TestDatabase.insertSnapshot;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.growthmetrics.api.testing.KpiViewsSchema;
import io.growthmetrics.api.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** series=snapshot:{metric}: a snapshot metric, stored or derived, per ISO week. */
@QuarkusTest
@WithTestResource(KpiViewsSchema.class)
class GrowthWeeklySnapshotTest {

    private static final String WEEKLY = "/api/v1/growth/weekly";

    @BeforeEach
    void snapshots() {
        TestDatabase.clearSnapshots();
        // W45 = 2026-11-02..08, W46 = 09..15 (no Sunday snapshot), W47 = 16..22 (to = Wednesday 18th), W48 = 23..29
        insertSnapshot(LocalDate.parse("2026-11-02"), "[]", "platform.teamCount", "20", "tables.teams", "1");
        insertSnapshot(LocalDate.parse("2026-11-08"), "[]", "platform.teamCount", "24", "tables.teams", "6",
                "mqtt.clients{tier=pro}", "8");
        insertSnapshot(LocalDate.parse("2026-11-12"), "[]", "platform.teamCount", "30", "tables.teams", "10",
                "mqtt.clients{tier=pro}", "10");
        insertSnapshot(LocalDate.parse("2026-11-13"), "[]", "tables.teams", "11"); // teamCount missing that day
        insertSnapshot(LocalDate.parse("2026-11-16"), "[]", "platform.teamCount", "27", "tables.teams", "9");
        insertSnapshot(LocalDate.parse("2026-11-19"), "[]", "platform.teamCount", "1000"); // after to
    }

    @Test
    void aWeekIsTheValueOnItsLastDayWithAValue() {
        get(WEEKLY, "series", "snapshot:platform.teamCount", "from", "2026-11-02", "to", "2026-11-18")
                .statusCode(200)
                .body("week", contains("2026-W45", "2026-W46", "2026-W47"))
                .body("value", contains(24, 30, 27))
                .body("wowGrowthPct", contains(nullValue(), equalTo(25.0), equalTo(-10.0)));
    }

    @Test
    void labelledMetricsAndWeeksWithoutValues() {
        get(WEEKLY, "series", "snapshot:mqtt.clients{tier=pro}", "from", "2026-11-02", "to", "2026-11-25")
                .statusCode(200)
                .body("week", contains("2026-W45", "2026-W46", "2026-W47", "2026-W48"))
                .body("value", contains(8, 10, 0, 0))
                .body("wowGrowthPct", contains(nullValue(), equalTo(25.0), equalTo(-100.0), nullValue()));
    }

    @Test
    void derivedMetricsAreSeriesToo() {
        // W46: the last day with a value is the 12th (10 / 30); on the 13th teamCount is missing
        get(WEEKLY, "series", "snapshot:adoption.tables", "from", "2026-11-02", "to", "2026-11-18")
                .statusCode(200)
                .body("value", contains(0.25, 0.333333, 0.333333))
                .body("wowGrowthPct", contains(nullValue(), equalTo(33.33), equalTo(0.0)));
    }

    @Test
    void rejectsUnknownAndEmptyMetrics() {
        expectBadParameter("series", "no known snapshot metric: 'platform.nothing'", WEEKLY,
                "series", "snapshot:platform.nothing", "from", "2026-11-02", "to", "2026-11-18");
        expectBadParameter("series", "empty name", WEEKLY, "series", "snapshot:", "from", "2026-11-02", "to", "2026-11-18");
        expectBadParameter("series", "snapshot:<metric name>", WEEKLY, "series", "snapshots", "from", "2026-11-02", "to", "2026-11-18");
    }

    @Test
    void rejectsParametersSnapshotSeriesDoNotTake() {
        expectBadParameter("includeDev", "does not apply to series 'snapshot:platform.teamCount'", WEEKLY,
                "series", "snapshot:platform.teamCount", "from", "2026-11-02", "to", "2026-11-18", "includeDev", "true");
        expectBadParameter("currency", "does not apply", WEEKLY,
                "series", "snapshot:platform.teamCount", "from", "2026-11-02", "to", "2026-11-18", "currency", "usd");
        expectBadParameter("to", "at most 3660", WEEKLY,
                "series", "snapshot:platform.teamCount", "from", "2000-01-01", "to", "2026-11-18");
    }
}
