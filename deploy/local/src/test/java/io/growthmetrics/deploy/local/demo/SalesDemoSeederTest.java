package io.growthmetrics.deploy.local.demo;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SalesDemoSeederTest {

    @Test
    void contractsAndGoalBelongToTheCurrentQuarter() {
        assertEquals("2026-Q4", SalesDemoSeeder.quarterOf(LocalDate.of(2026, 11, 23)));
        assertEquals("2027-Q1", SalesDemoSeeder.quarterOf(LocalDate.of(2027, 3, 31)));
        List<String[]> requests = SalesDemoSeeder.requests(LocalDate.of(2026, 11, 23));
        assertEquals(6, requests.size());
        assertTrue(requests.get(0)[1].contains("\"signedDate\":\"2026-10-10\""), requests.get(0)[1]);
        assertTrue(requests.get(2)[1].contains("\"expectedCloseDate\":\"2026-12-21\""), requests.get(2)[1]);
        assertTrue(requests.get(4)[1].contains("\"expectedCloseDate\":\"2027-01-20\""), "one deal closes next quarter");
        assertEquals("/api/v1/carr-goals/2026-Q4", requests.get(5)[0]);
    }
}
