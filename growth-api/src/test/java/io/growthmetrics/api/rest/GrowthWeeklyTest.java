package io.growthmetrics.api.rest;

import static io.growthmetrics.api.testing.Api.expectBadParameter;
import static io.growthmetrics.api.testing.Api.get;
import static io.growthmetrics.api.testing.TestDatabase.insertInstallations;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.growthmetrics.api.testing.KpiViewsSchema;
import io.growthmetrics.api.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KpiViewsSchema.class)
class GrowthWeeklyTest {

    private static final String WEEKLY = "/api/v1/growth/weekly";

    @BeforeEach
    void threeWeeksOfInstallations() {
        TestDatabase.clearInstallations();
        insertInstallations(LocalDate.parse("2026-01-11"), false, 100); // Sunday, 2026-W02
        insertInstallations(LocalDate.parse("2026-01-12"), false, 999); // Monday: not a closing day
        insertInstallations(LocalDate.parse("2026-01-18"), false, 110); // Sunday, 2026-W03
        insertInstallations(LocalDate.parse("2026-01-21"), false, 121); // Wednesday = to, 2026-W04
        insertInstallations(LocalDate.parse("2026-01-25"), false, 500); // after to
        insertInstallations(LocalDate.parse("2026-01-11"), true, 200);
        insertInstallations(LocalDate.parse("2026-01-18"), true, 300);
    }

    @Test
    void weeklyInstallationsWithWeekOnWeekGrowth() {
        get(WEEKLY, "series", "installations", "from", "2026-01-05", "to", "2026-01-21")
                .statusCode(200)
                .body("week", contains("2026-W02", "2026-W03", "2026-W04"))
                .body("value", contains(100, 110, 121))
                .body("wowGrowthPct", contains(nullValue(), equalTo(10.0), equalTo(10.0)))
                .body("[0].keySet()", containsInAnyOrder("week", "value", "wowGrowthPct"));
    }

    @Test
    void hostedAndRemoteInstancesAreSeriesToo() {
        get(WEEKLY, "series", "hostedInstances", "from", "2026-01-05", "to", "2026-01-21")
                .statusCode(200)
                .body("value", contains(1000, 1100, 1210));
        get(WEEKLY, "series", "remoteInstances", "from", "2026-01-05", "to", "2026-01-21")
                .statusCode(200)
                .body("value", contains(10000, 11000, 12100));
    }

    @Test
    void includeDevSelectsTheRowsCountingDeveloperBuilds() {
        get(WEEKLY, "series", "installations", "from", "2026-01-05", "to", "2026-01-21", "includeDev", "true")
                .statusCode(200)
                .body("value", contains(200, 300, 0))
                .body("wowGrowthPct", contains(nullValue(), equalTo(50.0), equalTo(-100.0)));
    }

    @Test
    void aWeekAfterAZeroWeekHasNoGrowth() {
        // Nothing on Sunday 2026-01-04 (W01), so W02's growth has no base.
        get(WEEKLY, "series", "installations", "from", "2025-12-29", "to", "2026-01-11")
                .statusCode(200)
                .body("week", contains("2026-W01", "2026-W02"))
                .body("value", contains(0, 100))
                .body("wowGrowthPct", contains(nullValue(), nullValue()));
    }

    @Test
    void labelsWeeksByIsoWeekBasedYear() {
        insertInstallations(LocalDate.parse("2027-01-03"), false, 40); // Sunday closing 2026-W53
        insertInstallations(LocalDate.parse("2027-01-05"), false, 41); // to, in 2027-W01

        get(WEEKLY, "series", "installations", "from", "2026-12-28", "to", "2027-01-05")
                .statusCode(200)
                .body("week", contains("2026-W53", "2027-W01"))
                .body("value", contains(40, 41))
                .body("wowGrowthPct", contains(nullValue(), equalTo(2.5)));
    }

    @Test
    void rejectsAMissingOrUnknownSeriesListingTheValidOnes() {
        expectBadParameter("series", "required", WEEKLY, "from", "2026-01-05", "to", "2026-01-21");
        expectBadParameter("series", "installations, hostedInstances, remoteInstances, mrr", WEEKLY,
                "series", "arr", "from", "2026-01-05", "to", "2026-01-21");
    }

    @Test
    void rejectsBadRanges() {
        expectBadParameter("from", "required", WEEKLY, "series", "installations", "to", "2026-01-21");
        expectBadParameter("to", "YYYY-MM-DD", WEEKLY, "series", "installations", "from", "2026-01-05", "to", "2026-01-32");
        expectBadParameter("from", "must not be after", WEEKLY, "series", "installations", "from", "2026-01-22", "to", "2026-01-21");
        expectBadParameter("to", "at most 3660", WEEKLY, "series", "installations", "from", "2000-01-01", "to", "2026-01-21");
    }

    @Test
    void rejectsACurrencyForAnInstallationSeries() {
        expectBadParameter("currency", "does not apply to series 'installations', only to mrr", WEEKLY,
                "series", "installations", "from", "2026-01-05", "to", "2026-01-21", "currency", "usd");
    }

    @Test
    void rejectsAnIncludeDevThatIsNotABoolean() {
        expectBadParameter("includeDev", "true or false", WEEKLY,
                "series", "installations", "from", "2026-01-05", "to", "2026-01-21", "includeDev", "maybe");
    }
}
