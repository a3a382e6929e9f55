package io.growthmetrics.api.rest;

import static io.growthmetrics.api.testing.Api.expectBadParameter;
import static io.growthmetrics.api.testing.Api.get;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.growthmetrics.api.testing.KpiViewsSchema;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KpiViewsSchema.class)
class GrowthCalculatorResourceTest {

    private static final String CALCULATOR = "/api/v1/growth/calculator";

    @Test
    void projectsTheEndValue() {
        get(CALCULATOR, "start", "100", "weeklyGrowthPct", "10", "weeks", "52")
                .statusCode(200)
                .body("keySet()", containsInAnyOrder("start", "weeklyGrowthPct", "weeks", "end", "multiple"))
                .body("start", equalTo(100.0))
                .body("weeklyGrowthPct", equalTo(10.0))
                .body("weeks", equalTo(52))
                .body("end", equalTo(14204.29))
                .body("multiple", equalTo(142.0429));
    }

    @Test
    void derivesTheWeeklyGrowthRate() {
        get(CALCULATOR, "start", "100", "end", "1310463.09", "weeks", "52")
                .statusCode(200)
                .body("keySet()", containsInAnyOrder("start", "weeklyGrowthPct", "weeks", "end", "multiple"))
                .body("weeklyGrowthPct", equalTo(20.0))
                .body("end", equalTo(1310463.09))
                .body("multiple", equalTo(13104.6309));
    }

    @Test
    void findsTheWeeksToReachATarget() {
        get(CALCULATOR, "start", "100", "target", "1000", "weeklyGrowthPct", "10")
                .statusCode(200)
                .body("keySet()", containsInAnyOrder(
                        "start", "target", "weeklyGrowthPct", "weeks", "exactWeeks", "end", "multiple"))
                .body("weeks", equalTo(25))
                .body("exactWeeks", equalTo(24.1589))
                .body("end", equalTo(1083.47))
                .body("target", equalTo(1000.0));
    }

    @Test
    void explainsTheThreeModesWhenTheCombinationMatchesNone() {
        expectModes(get(CALCULATOR, "start", "100", "weeks", "52")).body("detail", containsString("got start+weeks"));
        expectModes(get(CALCULATOR, "start", "100", "weeklyGrowthPct", "10", "weeks", "52", "end", "200"));
        expectModes(get(CALCULATOR, "start", "100", "target", "200", "end", "300", "weeks", "3"));
        expectModes(get(CALCULATOR, "start", "100")).body("detail", containsString("got start only"));
    }

    private static ValidatableResponse expectModes(ValidatableResponse response) {
        return response.statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString("start+weeklyGrowthPct+weeks"))
                .body("detail", containsString("start+end+weeks"))
                .body("detail", containsString("start+target+weeklyGrowthPct"));
    }

    @Test
    void rejectsAMissingStart() {
        expectBadParameter("start", "required", CALCULATOR, "weeklyGrowthPct", "10", "weeks", "52");
    }

    @Test
    void rejectsNonNumericNumbers() {
        expectBadParameter("start", "must be a number", CALCULATOR, "start", "abc", "weeklyGrowthPct", "10", "weeks", "52");
        expectBadParameter("weeklyGrowthPct", "must be a number", CALCULATOR, "start", "100", "weeklyGrowthPct", "NaN", "weeks", "52");
        expectBadParameter("target", "must be a number", CALCULATOR, "start", "100", "weeklyGrowthPct", "10", "target", "10%");
        expectBadParameter("end", "must be a number", CALCULATOR, "start", "100", "end", "1,000", "weeks", "2");
        expectBadParameter("start", "too large", CALCULATOR, "start", "1e400", "weeklyGrowthPct", "10", "weeks", "52");
    }

    @Test
    void rejectsWeeksThatAreNotAWholeNumberInRange() {
        expectBadParameter("weeks", "whole number", CALCULATOR, "start", "100", "weeklyGrowthPct", "10", "weeks", "5.5");
        expectBadParameter("weeks", "from 0 to 5200", CALCULATOR, "start", "100", "weeklyGrowthPct", "10", "weeks", "-1");
        expectBadParameter("weeks", "from 1 to 5200", CALCULATOR, "start", "100", "end", "200", "weeks", "0");
        expectBadParameter("weeks", "from 0 to 5200", CALCULATOR, "start", "100", "weeklyGrowthPct", "10", "weeks", "99999999999");
    }

    @Test
    void rejectsValuesOutsideTheirDomain() {
        expectBadParameter("start", "greater than 0", CALCULATOR, "start", "0", "weeklyGrowthPct", "10", "weeks", "52");
        expectBadParameter("weeklyGrowthPct", "greater than -100", CALCULATOR, "start", "100", "weeklyGrowthPct", "-100", "weeks", "5");
        expectBadParameter("end", "greater than 0", CALCULATOR, "start", "100", "end", "-5", "weeks", "5");
        expectBadParameter("target", "greater than start", CALCULATOR, "start", "100", "target", "50", "weeklyGrowthPct", "10");
        expectBadParameter("weeklyGrowthPct", "greater than 0", CALCULATOR, "start", "100", "target", "200", "weeklyGrowthPct", "0");
        expectBadParameter("weeklyGrowthPct", "too large", CALCULATOR, "start", "100", "weeklyGrowthPct", "1000000", "weeks", "5200");
    }
}
