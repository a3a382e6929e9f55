package io.growthmetrics.api.rest;

import static io.growthmetrics.api.testing.Api.expectBadParameter;
import static io.growthmetrics.api.testing.Api.get;
import static io.growthmetrics.api.testing.TestDatabase.insertDaily;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.growthmetrics.api.testing.KpiViewsSchema;
import io.growthmetrics.api.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KpiViewsSchema.class)
class InstallationsDailyTest {

    private static final String DAILY = "/api/v1/installations/daily";

    @BeforeEach
    void emptyViews() {
        TestDatabase.clearInstallations();
        insertDaily(LocalDate.parse("2026-01-02"), false, 10, 11, 12, 3, 1);
        insertDaily(LocalDate.parse("2026-01-04"), false, 14, 15, 16, 5, 1);
        insertDaily(LocalDate.parse("2026-01-03"), true, 20, 21, 22, 7, 2); // developer builds only
        insertDaily(LocalDate.parse("2026-01-06"), false, 99, 99, 99, 9, 9); // after the range
    }

    @Test
    void oneEntryPerDayWithZerosWhereTheViewHasNoRow() {
        get(DAILY, "from", "2026-01-01", "to", "2026-01-05")
                .statusCode(200)
                .contentType("application/json")
                .body("date", contains("2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04", "2026-01-05"))
                .body("installations", contains(0, 10, 0, 14, 0))
                .body("hostedInstances", contains(0, 11, 0, 15, 0))
                .body("remoteInstances", contains(0, 12, 0, 16, 0))
                .body("added", contains(0, 3, 0, 5, 0))
                .body("removed", contains(0, 1, 0, 1, 0))
                .body("[0].keySet()", containsInAnyOrder(
                        "date", "installations", "hostedInstances", "remoteInstances", "added", "removed"));
    }

    @Test
    void includeDevSelectsTheRowsCountingDeveloperBuilds() {
        get(DAILY, "from", "2026-01-02", "to", "2026-01-04", "includeDev", "true")
                .statusCode(200)
                .body("installations", contains(0, 20, 0))
                .body("added", contains(0, 7, 0));

        get(DAILY, "from", "2026-01-02", "to", "2026-01-04", "includeDev", "false")
                .statusCode(200)
                .body("installations", contains(10, 0, 14));
    }

    @Test
    void aSingleDayRange() {
        get(DAILY, "from", "2026-01-06", "to", "2026-01-06")
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].installations", equalTo(99));
    }

    @Test
    void acceptsTheLongestAllowedRange() {
        LocalDate from = LocalDate.parse("2020-01-01");
        get(DAILY, "from", from.toString(), "to", from.plusDays(3659).toString())
                .statusCode(200)
                .body("$", hasSize(3660))
                .body("[3659].date", equalTo("2030-01-07"));
    }

    @Test
    void rejectsARangeLongerThan3660Days() {
        LocalDate from = LocalDate.parse("2020-01-01");
        expectBadParameter("to", "at most 3660", DAILY, "from", from.toString(), "to", from.plusDays(3660).toString());
    }

    @Test
    void rejectsMissingDates() {
        expectBadParameter("from", "required", DAILY, "to", "2026-01-05");
        expectBadParameter("to", "required", DAILY, "from", "2026-01-05");
    }

    @Test
    void rejectsMalformedDates() {
        expectBadParameter("from", "YYYY-MM-DD", DAILY, "from", "2026-1-01", "to", "2026-01-05");
        expectBadParameter("to", "YYYY-MM-DD", DAILY, "from", "2026-01-01", "to", "2026-02-30");
        expectBadParameter("from", "YYYY-MM-DD", DAILY, "from", "yesterday", "to", "2026-01-05");
        expectBadParameter("to", "YYYY-MM-DD", DAILY, "from", "2026-01-01", "to", " ");
    }

    @Test
    void anEmptyValueIsRefusedRatherThanTakenAsMissing() {
        expectBadParameter("to", "must not be empty", DAILY, "from", "2026-01-01", "to", "");
    }

    @Test
    void rejectsFromAfterTo() {
        expectBadParameter("from", "must not be after", DAILY, "from", "2026-01-05", "to", "2026-01-04");
    }

    @Test
    void rejectsAnIncludeDevThatIsNotABoolean() {
        expectBadParameter("includeDev", "true or false", DAILY, "from", "2026-01-01", "to", "2026-01-05", "includeDev", "yes");
    }
}
