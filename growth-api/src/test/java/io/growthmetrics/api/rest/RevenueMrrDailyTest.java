package io.growthmetrics.api.rest;

import static io.growthmetrics.api.testing.Api.expectBadParameter;
import static io.growthmetrics.api.testing.Api.get;
import static io.growthmetrics.api.testing.TestDatabase.insertMrr;
import static io.growthmetrics.api.testing.TestDatabase.insertProduct;
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
class RevenueMrrDailyTest {

    private static final String DAILY = "/api/v1/revenue/mrr/daily";

    @BeforeEach
    void twoProductsInTwoCurrencies() {
        TestDatabase.clearRevenue();
        insertProduct("prod_pro", "FlowFuse Pro Platform - Cloud");
        insertProduct("prod_starter", "FlowFuse Cloud - Starter");
        insertMrr(LocalDate.parse("2026-11-02"), "usd", "prod_pro", "1000", 1);
        insertMrr(LocalDate.parse("2026-11-02"), "usd", "prod_starter", "500.25", 2);
        insertMrr(LocalDate.parse("2026-11-04"), "usd", "prod_pro", "0.3", 1);
        insertMrr(LocalDate.parse("2026-11-04"), "usd", "prod_starter", "0.3", 1); // 0.6 in all → 1
        insertMrr(LocalDate.parse("2026-11-03"), "eur", "prod_pro", "900", 1); // another currency
        insertMrr(LocalDate.parse("2026-11-06"), "usd", "prod_pro", "4000", 4); // after the range
    }

    @Test
    void oneEntryPerDayWithZerosWhereThereIsNoMrr() {
        get(DAILY, "from", "2026-11-01", "to", "2026-11-05")
                .statusCode(200)
                .contentType("application/json")
                .body("[0].keySet()", containsInAnyOrder("date", "totalCents"))
                .body("date", contains("2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05"))
                .body("totalCents", contains(0, 1500, 0, 1, 0)); // 1500.25 → 1500; 0.3 + 0.3 → 1
    }

    @Test
    void currenciesAreKeptApart() {
        get(DAILY, "from", "2026-11-01", "to", "2026-11-05", "currency", "Eur")
                .statusCode(200)
                .body("totalCents", contains(0, 0, 900, 0, 0));
        get(DAILY, "from", "2026-11-01", "to", "2026-11-05", "currency", "usd")
                .statusCode(200)
                .body("totalCents", contains(0, 1500, 0, 1, 0));
    }

    @Test
    void aSingleDayRange() {
        get(DAILY, "from", "2026-11-06", "to", "2026-11-06")
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].totalCents", equalTo(4000));
    }

    @Test
    void acceptsTheLongestAllowedRangeAndRejectsALongerOne() {
        LocalDate from = LocalDate.parse("2020-01-01");
        get(DAILY, "from", from.toString(), "to", from.plusDays(3659).toString())
                .statusCode(200)
                .body("$", hasSize(3660));
        expectBadParameter("to", "at most 3660", DAILY, "from", from.toString(), "to", from.plusDays(3660).toString());
    }

    @Test
    void rejectsBadParameters() {
        expectBadParameter("from", "required", DAILY, "to", "2026-11-05");
        expectBadParameter("to", "YYYY-MM-DD", DAILY, "from", "2026-11-01", "to", "2026-11-31");
        expectBadParameter("from", "must not be after", DAILY, "from", "2026-11-06", "to", "2026-11-05");
        expectBadParameter("currency", "three-letter currency code", DAILY, "from", "2026-11-01", "to", "2026-11-05", "currency", "euro");
    }
}
