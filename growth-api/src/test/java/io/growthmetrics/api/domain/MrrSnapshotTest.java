package io.growthmetrics.api.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MrrSnapshotTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-30");
    private static final List<RevenueProduct> CATALOG = List.of(
            new RevenueProduct("prod_starter", "FlowFuse Cloud - Starter"),
            new RevenueProduct("prod_pro", "FlowFuse Pro Platform - Cloud"),
            new RevenueProduct("prod_small", "Pro - Small Instance Add-On"),
            new RevenueProduct("prod_remote", "Pro - Remote Instance Add-On"));

    @Test
    void listsEveryCatalogProductWithZerosWhenItHasNoRow() {
        MrrSnapshot snapshot = MrrSnapshot.of(DAY, CurrencyCode.USD, CATALOG, List.of());

        assertEquals(DAY, snapshot.date());
        assertEquals("usd", snapshot.currency());
        assertEquals(0, snapshot.totalCents());
        assertEquals(0, snapshot.arrCents());
        // All at 0: sorted by name.
        assertEquals(List.of(
                new ProductMrr("prod_starter", "FlowFuse Cloud - Starter", 0, 0),
                new ProductMrr("prod_pro", "FlowFuse Pro Platform - Cloud", 0, 0),
                new ProductMrr("prod_remote", "Pro - Remote Instance Add-On", 0, 0),
                new ProductMrr("prod_small", "Pro - Small Instance Add-On", 0, 0)), snapshot.products());
    }

    @Test
    void sortsByDisplayedCentsMostFirstThenByName() {
        MrrSnapshot snapshot = MrrSnapshot.of(DAY, CurrencyCode.USD, CATALOG, List.of(
                row("prod_small", "500.4", 2),
                row("prod_remote", "499.6", 5), // shows 500 as well: the tie goes by name, Remote before Small
                row("prod_pro", "1000", 1)));

        assertEquals(List.of("prod_pro", "prod_remote", "prod_small", "prod_starter"),
                snapshot.products().stream().map(ProductMrr::productId).toList());
        assertEquals(List.of(1000L, 500L, 500L, 0L), snapshot.products().stream().map(ProductMrr::mrrCents).toList());
        assertEquals(List.of(1, 5, 2, 0), snapshot.products().stream().map(ProductMrr::subscriptions).toList());
    }

    @Test
    void roundsEachProductAndTheExactTotalSeparately() {
        // 3 × 0.4 ¢: each product shows 0, the total 1.2 → 1.
        MrrSnapshot small = MrrSnapshot.of(DAY, CurrencyCode.USD, CATALOG, List.of(
                row("prod_starter", "0.4", 1), row("prod_pro", "0.4", 1), row("prod_small", "0.4", 1)));
        assertEquals(1, small.totalCents());
        assertEquals(0, small.products().stream().mapToLong(ProductMrr::mrrCents).sum());

        // 2 × 1.5 ¢: each product shows 2, the total 3.
        MrrSnapshot halves = MrrSnapshot.of(DAY, CurrencyCode.USD, CATALOG, List.of(
                row("prod_starter", "1.5", 1), row("prod_pro", "1.5", 1)));
        assertEquals(3, halves.totalCents());
        assertEquals(4, halves.products().stream().mapToLong(ProductMrr::mrrCents).sum());
    }

    @Test
    void arrIsTwelveTimesTheExactTotal() {
        // 1,999.375 + 0.25 = 1,999.625 ¢ → total 2,000; ARR 12 × 1,999.625 = 23,995.5 → 23,996 (not 24,000).
        MrrSnapshot snapshot = MrrSnapshot.of(DAY, CurrencyCode.USD, CATALOG, List.of(
                row("prod_pro", "1999.375", 4), row("prod_small", "0.25", 1)));

        assertEquals(2000, snapshot.totalCents());
        assertEquals(23996, snapshot.arrCents());
    }

    @Test
    void aProductOutsideTheCatalogCountsAndIsListedUnderItsId() {
        MrrSnapshot snapshot = MrrSnapshot.of(DAY, CurrencyCode.USD, CATALOG, List.of(
                row("prod_pro", "100", 1), row("prod_retired", "250", 3)));

        assertEquals(350, snapshot.totalCents());
        assertEquals(5, snapshot.products().size());
        assertEquals(new ProductMrr("prod_retired", "prod_retired", 250, 3), snapshot.products().get(0));
    }

    @Test
    void twoRowsForOneProductAreAnError() {
        assertThrows(IllegalArgumentException.class, () -> MrrSnapshot.of(DAY, CurrencyCode.USD, CATALOG,
                List.of(row("prod_pro", "1", 1), row("prod_pro", "2", 1))));
    }

    @Test
    void dailyTotalsAreGapFilledAndRounded() {
        LocalDate first = LocalDate.parse("2026-11-01");
        List<DailyMrr> days = DailyMrr.gapFilled(new DateRange(first, first.plusDays(3)), Map.of(
                first.plusDays(1), new BigDecimal("1234.5"),
                first.plusDays(3), new BigDecimal("0.49"),
                first.plusDays(9), new BigDecimal("7"))); // outside the range

        assertEquals(List.of(new DailyMrr(first, 0), new DailyMrr(first.plusDays(1), 1235),
                new DailyMrr(first.plusDays(2), 0), new DailyMrr(first.plusDays(3), 0)), days);
    }

    @Test
    void movementsRoundTheSignedDelta() {
        assertEquals(-1235, MrrMovement.of(DAY, "cus_1", "churn", new BigDecimal("-1234.5")).deltaCents());
        assertEquals(1235, MrrMovement.of(DAY, "cus_1", "expansion", new BigDecimal("1234.5")).deltaCents());
        assertEquals(-1234, MrrMovement.of(DAY, "cus_1", "contraction", new BigDecimal("-1234.4")).deltaCents());
    }

    private static ProductMrrRow row(String productId, String exactCents, int subscriptions) {
        return new ProductMrrRow(productId, new BigDecimal(exactCents), subscriptions);
    }
}
