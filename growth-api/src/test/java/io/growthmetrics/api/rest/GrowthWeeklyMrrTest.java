package io.growthmetrics.api.rest;

import static io.growthmetrics.api.testing.Api.expectBadParameter;
import static io.growthmetrics.api.testing.Api.get;
import static io.growthmetrics.api.testing.TestDatabase.insertMrr;
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

/** series=mrr: total self-service MRR in whole cents, a stock like the installation series. */
@QuarkusTest
@WithTestResource(KpiViewsSchema.class)
class GrowthWeeklyMrrTest {

    private static final String WEEKLY = "/api/v1/growth/weekly";

    @BeforeEach
    void threeWeeksOfMrr() {
        TestDatabase.clearRevenue();
        // 2026-W45 closes Sunday 2026-11-08, W46 on 11-15, W47 on 11-22.
        insertMrr(LocalDate.parse("2026-11-08"), "usd", "prod_pro", "80000", 8);
        insertMrr(LocalDate.parse("2026-11-08"), "usd", "prod_starter", "20000.4", 20); // 100,000.4 → 100,000
        insertMrr(LocalDate.parse("2026-11-09"), "usd", "prod_pro", "999999", 99); // Monday: not a closing day
        insertMrr(LocalDate.parse("2026-11-15"), "usd", "prod_pro", "90000", 9);
        insertMrr(LocalDate.parse("2026-11-15"), "usd", "prod_starter", "22499.5", 22); // 112,499.5 → 112,500
        insertMrr(LocalDate.parse("2026-11-18"), "usd", "prod_pro", "101250", 10); // Wednesday = to
        insertMrr(LocalDate.parse("2026-11-22"), "usd", "prod_pro", "1", 1); // after to
        insertMrr(LocalDate.parse("2026-11-08"), "eur", "prod_pro", "5000", 1);
        insertMrr(LocalDate.parse("2026-11-15"), "eur", "prod_pro", "6000", 1);
    }

    @Test
    void weeklyMrrIsTheTotalOnEachWeeksClosingDayWithWeekOnWeekGrowth() {
        get(WEEKLY, "series", "mrr", "from", "2026-11-02", "to", "2026-11-18")
                .statusCode(200)
                .body("week", contains("2026-W45", "2026-W46", "2026-W47"))
                .body("value", contains(100000, 112500, 101250))
                .body("wowGrowthPct", contains(nullValue(), equalTo(12.5), equalTo(-10.0)));
    }

    @Test
    void currencySelectsTheSeriesAnyCase() {
        get(WEEKLY, "series", "mrr", "from", "2026-11-02", "to", "2026-11-18", "currency", "EUR")
                .statusCode(200)
                .body("value", contains(5000, 6000, 0))
                .body("wowGrowthPct", contains(nullValue(), equalTo(20.0), equalTo(-100.0)));
        get(WEEKLY, "series", "mrr", "from", "2026-11-02", "to", "2026-11-18", "currency", "usd")
                .statusCode(200)
                .body("value", contains(100000, 112500, 101250));
    }

    @Test
    void rejectsABadCurrencyAndIncludeDev() {
        expectBadParameter("currency", "three-letter currency code", WEEKLY,
                "series", "mrr", "from", "2026-11-02", "to", "2026-11-18", "currency", "dollars");
        expectBadParameter("includeDev", "does not apply to series 'mrr', only to installations, hostedInstances, remoteInstances",
                WEEKLY, "series", "mrr", "from", "2026-11-02", "to", "2026-11-18", "includeDev", "true");
    }
}
