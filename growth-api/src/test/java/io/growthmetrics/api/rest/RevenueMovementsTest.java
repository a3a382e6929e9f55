package io.growthmetrics.api.rest;

import static io.growthmetrics.api.testing.Api.expectBadParameter;
import static io.growthmetrics.api.testing.Api.get;
import static io.growthmetrics.api.testing.TestDatabase.insertMovement;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;

import io.growthmetrics.api.testing.KpiViewsSchema;
import io.growthmetrics.api.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KpiViewsSchema.class)
class RevenueMovementsTest {

    private static final String MOVEMENTS = "/api/v1/revenue/movements";

    @BeforeEach
    void movements() {
        TestDatabase.clearRevenue();
        // Inserted out of order on purpose.
        insertMovement(LocalDate.parse("2026-11-03"), "usd", "cus_b", "churn", "-1234.5");
        insertMovement(LocalDate.parse("2026-11-02"), "usd", "cus_z", "new", "2500");
        insertMovement(LocalDate.parse("2026-11-03"), "usd", "cus_a", "expansion", "1000.5");
        insertMovement(LocalDate.parse("2026-11-02"), "usd", "cus_B", "reactivation", "99.49"); // upper case sorts first
        insertMovement(LocalDate.parse("2026-11-04"), "usd", "cus_c", "contraction", "-0.4");
        insertMovement(LocalDate.parse("2026-11-03"), "eur", "cus_a", "new", "700"); // another currency
        insertMovement(LocalDate.parse("2026-11-01"), "usd", "cus_y", "new", "10"); // before the range
        insertMovement(LocalDate.parse("2026-11-05"), "usd", "cus_x", "new", "10"); // after the range
    }

    @Test
    void sortedByDateThenCustomerIdWithSignedRoundedDeltas() {
        get(MOVEMENTS, "from", "2026-11-02", "to", "2026-11-04")
                .statusCode(200)
                .contentType("application/json")
                .body("[0].keySet()", containsInAnyOrder("date", "customerId", "type", "deltaCents"))
                .body("date", contains("2026-11-02", "2026-11-02", "2026-11-03", "2026-11-03", "2026-11-04"))
                .body("customerId", contains("cus_B", "cus_z", "cus_a", "cus_b", "cus_c"))
                .body("type", contains("reactivation", "new", "expansion", "churn", "contraction"))
                .body("deltaCents", contains(99, 2500, 1001, -1235, 0));
    }

    @Test
    void currenciesAreKeptApart() {
        get(MOVEMENTS, "from", "2026-11-01", "to", "2026-11-05", "currency", "EUR")
                .statusCode(200)
                .body("customerId", contains("cus_a"))
                .body("type", contains("new"))
                .body("deltaCents", contains(700));
    }

    @Test
    void aRangeWithoutMovementsIsEmpty() {
        get(MOVEMENTS, "from", "2026-10-01", "to", "2026-10-31").statusCode(200).body("$", empty());
    }

    @Test
    void rejectsBadParameters() {
        expectBadParameter("to", "required", MOVEMENTS, "from", "2026-11-01");
        expectBadParameter("from", "must not be after", MOVEMENTS, "from", "2026-11-06", "to", "2026-11-05");
        expectBadParameter("to", "at most 3660", MOVEMENTS, "from", "2000-01-01", "to", "2026-11-05");
        expectBadParameter("currency", "three-letter currency code", MOVEMENTS, "from", "2026-11-01", "to", "2026-11-05", "currency", "1");
    }
}
