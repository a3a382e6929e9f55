package io.growthmetrics.api.rest;

import static io.growthmetrics.api.testing.Api.expectBadParameter;
import static io.growthmetrics.api.testing.Api.get;
import static io.growthmetrics.api.testing.TestDatabase.insertMrr;
import static io.growthmetrics.api.testing.TestDatabase.insertProduct;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.growthmetrics.api.testing.KpiViewsSchema;
import io.growthmetrics.api.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KpiViewsSchema.class)
class RevenueMrrTest {

    private static final String MRR = "/api/v1/revenue/mrr";
    private static final LocalDate DAY = LocalDate.parse("2026-11-30");

    /** The production catalog: 8 products. */
    @BeforeEach
    void catalogOfEightProducts() {
        TestDatabase.clearRevenue();
        insertProduct("prod_starter", "FlowFuse Cloud - Starter");
        insertProduct("prod_starter_small", "Starter - Small Instance Add-On");
        insertProduct("prod_starter_remote", "Starter - Remote Instance Add-On");
        insertProduct("prod_pro", "FlowFuse Pro Platform - Cloud");
        insertProduct("prod_pro_small", "Pro - Small Instance Add-On");
        insertProduct("prod_pro_medium", "Pro - Medium Instance Add-On");
        insertProduct("prod_pro_large", "Pro - Large Instance Add-On");
        insertProduct("prod_pro_remote", "Pro - Remote Instance Add-On");
    }

    @Test
    void listsEveryProductMostMrrFirstWithZerosForTheRest() {
        insertMrr(DAY, "usd", "prod_pro", "150000", 10);
        insertMrr(DAY, "usd", "prod_starter", "45000", 30);
        insertMrr(DAY, "usd", "prod_pro_small", "45000", 15); // ties Starter: "FlowFuse…" sorts before "Pro…"
        insertMrr(DAY, "usd", "prod_pro_remote", "2500.5", 7);

        get(MRR, "date", DAY.toString(), "currency", "usd")
                .statusCode(200)
                .contentType("application/json")
                .body("keySet()", containsInAnyOrder("date", "currency", "totalCents", "arrCents", "products"))
                .body("date", equalTo("2026-11-30"))
                .body("currency", equalTo("usd"))
                .body("totalCents", equalTo(242501)) // 242,500.5 → 242,501
                .body("arrCents", equalTo(2910006)) // 12 × 242,500.5
                .body("products", hasSize(8))
                .body("products[0].keySet()", containsInAnyOrder("productId", "name", "mrrCents", "subscriptions"))
                .body("products.productId", contains("prod_pro", "prod_starter", "prod_pro_small", "prod_pro_remote",
                        "prod_pro_large", "prod_pro_medium", "prod_starter_remote", "prod_starter_small"))
                .body("products.name", contains("FlowFuse Pro Platform - Cloud", "FlowFuse Cloud - Starter",
                        "Pro - Small Instance Add-On", "Pro - Remote Instance Add-On", "Pro - Large Instance Add-On",
                        "Pro - Medium Instance Add-On", "Starter - Remote Instance Add-On", "Starter - Small Instance Add-On"))
                .body("products.mrrCents", contains(150000, 45000, 45000, 2501, 0, 0, 0, 0))
                .body("products.subscriptions", contains(10, 30, 15, 7, 0, 0, 0, 0));
    }

    @Test
    void aDayWithoutMrrListsEveryProductAtZero() {
        insertMrr(DAY.minusDays(1), "usd", "prod_pro", "100", 1);

        get(MRR, "date", DAY.toString())
                .statusCode(200)
                .body("totalCents", equalTo(0))
                .body("arrCents", equalTo(0))
                .body("products", hasSize(8))
                .body("products.mrrCents", everyItem(equalTo(0)))
                .body("products.subscriptions", everyItem(equalTo(0)))
                .body("products.name", contains("FlowFuse Cloud - Starter", "FlowFuse Pro Platform - Cloud",
                        "Pro - Large Instance Add-On", "Pro - Medium Instance Add-On", "Pro - Remote Instance Add-On",
                        "Pro - Small Instance Add-On", "Starter - Remote Instance Add-On", "Starter - Small Instance Add-On"));
    }

    @Test
    void fractionalCentsAreRoundedHalfUpAndTheTotalFromTheExactSum() {
        insertMrr(DAY, "usd", "prod_pro", "1000.4", 1);
        insertMrr(DAY, "usd", "prod_pro_small", "200.4", 1);
        insertMrr(DAY, "usd", "prod_pro_medium", "300.4", 1);
        insertMrr(DAY, "usd", "prod_starter", "33.375", 1);

        // Products show 1000 + 200 + 300 + 33 = 1533; the exact total 1534.575 shows 1535 (see the docs).
        get(MRR, "date", DAY.toString())
                .statusCode(200)
                .body("products.mrrCents", contains(1000, 300, 200, 33, 0, 0, 0, 0))
                .body("totalCents", equalTo(1535))
                .body("arrCents", equalTo(18415)); // 12 × 1534.575 = 18,414.9
    }

    @Test
    void currenciesAreKeptApartAndTheParameterIsCaseInsensitive() {
        insertMrr(DAY, "usd", "prod_pro", "5000", 2);
        insertMrr(DAY, "eur", "prod_pro", "4000", 1);
        insertMrr(DAY, "eur", "prod_starter", "1500", 3);

        get(MRR, "date", DAY.toString(), "currency", "EUR")
                .statusCode(200)
                .body("currency", equalTo("eur"))
                .body("totalCents", equalTo(5500))
                .body("arrCents", equalTo(66000))
                .body("products.mrrCents", contains(4000, 1500, 0, 0, 0, 0, 0, 0))
                .body("products.subscriptions", contains(1, 3, 0, 0, 0, 0, 0, 0));

        // Without currency: usd.
        get(MRR, "date", DAY.toString())
                .statusCode(200)
                .body("currency", equalTo("usd"))
                .body("totalCents", equalTo(5000))
                .body("products[0].productId", equalTo("prod_pro"));

        get(MRR, "date", DAY.toString(), "currency", "gbp")
                .statusCode(200)
                .body("totalCents", equalTo(0))
                .body("products", hasSize(8));
    }

    @Test
    void aProductNoLongerInTheCatalogStillCountsUnderItsId() {
        insertMrr(DAY, "usd", "prod_pro", "100", 1);
        insertMrr(DAY, "usd", "prod_legacy", "300", 4);

        get(MRR, "date", DAY.toString())
                .statusCode(200)
                .body("totalCents", equalTo(400))
                .body("products", hasSize(9))
                .body("products[0].productId", equalTo("prod_legacy"))
                .body("products[0].name", equalTo("prod_legacy"));
    }

    @Test
    void dateDefaultsToTodayInUtc() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        insertMrr(today, "usd", "prod_pro", "700", 1);
        insertMrr(today.minusDays(1), "usd", "prod_pro", "600", 1);

        var response = get(MRR).statusCode(200);

        assumeTrue(today.equals(LocalDate.now(ZoneOffset.UTC)), "the UTC date changed during the request");
        response.body("date", equalTo(today.toString())).body("totalCents", equalTo(700));
    }

    @Test
    void rejectsABadCurrency() {
        expectBadParameter("currency", "three-letter currency code", MRR, "date", DAY.toString(), "currency", "us");
        expectBadParameter("currency", "three-letter currency code", MRR, "date", DAY.toString(), "currency", "dollar");
        expectBadParameter("currency", "three-letter currency code", MRR, "currency", "u$d");
    }

    @Test
    void rejectsAMalformedDate() {
        expectBadParameter("date", "YYYY-MM-DD", MRR, "date", "30/11/2026");
        expectBadParameter("date", "YYYY-MM-DD", MRR, "date", "2026-11-31");
    }
}
