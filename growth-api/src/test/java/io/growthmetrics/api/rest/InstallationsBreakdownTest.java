package io.growthmetrics.api.rest;

import static io.growthmetrics.api.testing.Api.expectBadParameter;
import static io.growthmetrics.api.testing.Api.get;
import static io.growthmetrics.api.testing.TestDatabase.insertBreakdown;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.growthmetrics.api.testing.KpiViewsSchema;
import io.growthmetrics.api.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@WithTestResource(KpiViewsSchema.class)
class InstallationsBreakdownTest {

    private static final String BREAKDOWN = "/api/v1/installations/breakdown";
    private static final LocalDate DAY = LocalDate.parse("2026-02-10");

    @BeforeEach
    void emptyViews() {
        TestDatabase.clearInstallations();
    }

    @Test
    void sortedByInstallationsThenValueInCodePointOrder() {
        insertBreakdown(DAY, false, "os", "darwin", 3, 30, 300);
        insertBreakdown(DAY, false, "os", "linux", 5, 50, 500);
        insertBreakdown(DAY, false, "os", "zos", 1, 10, 100);
        insertBreakdown(DAY, false, "os", "Windows_NT", 3, 31, 301); // ties darwin; upper case sorts first
        insertBreakdown(DAY, false, "driver", "k8s", 9, 9, 9); // another dimension
        insertBreakdown(DAY.minusDays(1), false, "os", "linux", 8, 8, 8); // another day
        insertBreakdown(DAY, true, "os", "freebsd", 7, 7, 7); // developer builds

        get(BREAKDOWN, "by", "os", "date", DAY.toString())
                .statusCode(200)
                .body("value", contains("linux", "Windows_NT", "darwin", "zos"))
                .body("installations", contains(5, 3, 3, 1))
                .body("hostedInstances", contains(50, 31, 30, 10))
                .body("remoteInstances", contains(500, 301, 300, 100))
                .body("[0].keySet()", containsInAnyOrder("value", "installations", "hostedInstances", "remoteInstances"));
    }

    @Test
    void includeDevSelectsTheRowsCountingDeveloperBuilds() {
        insertBreakdown(DAY, false, "os", "linux", 5, 50, 500);
        insertBreakdown(DAY, true, "os", "linux", 6, 60, 600);
        insertBreakdown(DAY, true, "os", "freebsd", 7, 70, 700);

        get(BREAKDOWN, "by", "os", "date", DAY.toString(), "includeDev", "true")
                .statusCode(200)
                .body("value", contains("freebsd", "linux"))
                .body("installations", contains(7, 6));
    }

    @ParameterizedTest
    @ValueSource(strings = {"driver", "os", "version", "nodejs", "license"})
    void breaksDownByEachDimension(String dimension) {
        for (String other : new String[] {"driver", "os", "version", "nodejs", "license"}) {
            insertBreakdown(DAY, false, other, other + "-value", other.length(), 0, 0);
        }

        get(BREAKDOWN, "by", dimension, "date", DAY.toString())
                .statusCode(200)
                .body("value", contains(dimension + "-value"))
                .body("installations", contains(dimension.length()));
    }

    @Test
    void aDayWithoutRowsIsAnEmptyList() {
        insertBreakdown(DAY, false, "os", "linux", 5, 50, 500);

        get(BREAKDOWN, "by", "os", "date", DAY.plusDays(1).toString())
                .statusCode(200)
                .body("$", empty());
    }

    @Test
    void dateDefaultsToTodayInUtc() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        insertBreakdown(today, false, "license", "enterprise", 2, 0, 0);
        insertBreakdown(today.minusDays(1), false, "license", "yesterday", 4, 0, 0);
        insertBreakdown(today.plusDays(1), false, "license", "tomorrow", 6, 0, 0);

        var response = get(BREAKDOWN, "by", "license").statusCode(200);

        assumeTrue(today.equals(LocalDate.now(ZoneOffset.UTC)), "the UTC date changed during the request");
        response.body("value", contains("enterprise"));
    }

    @Test
    void rejectsAMissingOrUnknownDimension() {
        expectBadParameter("by", "required", BREAKDOWN, "date", DAY.toString());
        expectBadParameter("by", "driver, os, version, nodejs, license", BREAKDOWN, "by", "colour", "date", DAY.toString())
                .body("detail", equalTo("query parameter 'by' must be one of driver, os, version, nodejs, license; got 'colour'"));
        expectBadParameter("by", "must be one of", BREAKDOWN, "by", "OS");
    }

    @Test
    void rejectsAMalformedDate() {
        expectBadParameter("date", "YYYY-MM-DD", BREAKDOWN, "by", "os", "date", "10/02/2026");
    }

    @Test
    void rejectsAnIncludeDevThatIsNotABoolean() {
        expectBadParameter("includeDev", "true or false", BREAKDOWN, "by", "os", "includeDev", "1");
    }
}
