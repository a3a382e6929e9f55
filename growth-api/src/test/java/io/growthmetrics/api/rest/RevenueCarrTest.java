package io.growthmetrics.api.rest;

import static io.growthmetrics.api.testing.Api.expectBadParameter;
import static io.growthmetrics.api.testing.Api.get;
import static io.growthmetrics.api.testing.TestDatabase.insertContract;
import static io.growthmetrics.api.testing.TestDatabase.insertGoal;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import io.growthmetrics.api.testing.KpiViewsSchema;
import io.growthmetrics.api.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KpiViewsSchema.class)
class RevenueCarrTest {

    private static final String CARR = "/api/v1/revenue/carr";

    @BeforeEach
    void contractsAndGoals() {
        TestDatabase.clearRevenue();
        // 2026-Q4, usd
        insertContract("signed-first-day", 12_000_000, "usd", "signed", d("2026-10-01"), null);
        insertContract("signed-last-day", 6_000_000, "usd", "signed", d("2026-12-31"), d("2026-11-01"));
        insertContract("pipeline-in", 3_000_000, "usd", "pipeline", null, d("2026-11-15"));
        insertContract("pipeline-last-day", 1_000_000, "usd", "pipeline", null, d("2026-12-31"));
        // outside 2026-Q4
        insertContract("signed-q3", 700_000, "usd", "signed", d("2026-09-30"), null);
        insertContract("signed-next-q1", 800_000, "usd", "signed", d("2027-01-01"), null);
        insertContract("pipeline-next-q1", 900_000, "usd", "pipeline", null, d("2027-01-01"));
        insertContract("signed-q3-expected-q4", 650_000, "usd", "signed", d("2026-09-15"), d("2026-12-01"));
        // 2026-Q4, other currencies
        insertContract("signed-eur", 5_000_000, "eur", "signed", d("2026-11-01"), null);
        insertContract("pipeline-eur", 2_500_000, "eur", "pipeline", null, d("2026-11-20"));
        insertContract("signed-gbp", 4_000_000, "gbp", "signed", d("2026-11-01"), null);

        insertGoal("2026-Q4", "usd", 25_000_000);
        insertGoal("2027-Q1", "eur", 9_000_000);
    }

    @Test
    void closedProjectedAndGoalOfTheQuarter() {
        get(CARR, "quarter", "2026-Q4", "currency", "usd")
                .statusCode(200)
                .contentType("application/json")
                .body("keySet()", containsInAnyOrder("quarter", "currency", "closedCents", "projectedCents", "goalCents"))
                .body("quarter", equalTo("2026-Q4"))
                .body("currency", equalTo("usd"))
                .body("closedCents", equalTo(18_000_000))
                .body("projectedCents", equalTo(22_000_000))
                .body("goalCents", equalTo(25_000_000));
    }

    @Test
    void currencyDefaultsToUsd() {
        get(CARR, "quarter", "2026-Q4")
                .statusCode(200)
                .body("currency", equalTo("usd"))
                .body("closedCents", equalTo(18_000_000));
    }

    @Test
    void otherCurrenciesAreSeparateAndAGoalInAnotherCurrencyIsZero() {
        get(CARR, "quarter", "2026-Q4", "currency", "EUR")
                .statusCode(200)
                .body("currency", equalTo("eur"))
                .body("closedCents", equalTo(5_000_000))
                .body("projectedCents", equalTo(7_500_000))
                .body("goalCents", equalTo(0)); // the 2026-Q4 goal is in usd

        get(CARR, "quarter", "2027-Q1", "currency", "eur")
                .statusCode(200)
                .body("closedCents", equalTo(0))
                .body("projectedCents", equalTo(0))
                .body("goalCents", equalTo(9_000_000));
    }

    @Test
    void theNextQuarterHasItsOwnContracts() {
        get(CARR, "quarter", "2027-Q1")
                .statusCode(200)
                .body("quarter", equalTo("2027-Q1"))
                .body("closedCents", equalTo(800_000))
                .body("projectedCents", equalTo(1_700_000))
                .body("goalCents", equalTo(0)); // its goal is in eur
    }

    @Test
    void aQuarterWithNothingIsAllZeros() {
        get(CARR, "quarter", "2025-Q2")
                .statusCode(200)
                .body("closedCents", equalTo(0))
                .body("projectedCents", equalTo(0))
                .body("goalCents", equalTo(0));
    }

    @Test
    void rejectsAMissingOrMalformedQuarter() {
        expectBadParameter("quarter", "required", CARR);
        expectBadParameter("quarter", "YYYY-Qn", CARR, "quarter", "2026-Q5");
        expectBadParameter("quarter", "YYYY-Qn", CARR, "quarter", "2026-q4");
        expectBadParameter("quarter", "YYYY-Qn", CARR, "quarter", "2026-10");
        expectBadParameter("quarter", "YYYY-Qn", CARR, "quarter", "Q4 2026");
    }

    @Test
    void rejectsABadCurrency() {
        expectBadParameter("currency", "three-letter currency code", CARR, "quarter", "2026-Q4", "currency", "usdollar");
    }

    private static LocalDate d(String day) {
        return LocalDate.parse(day);
    }
}
