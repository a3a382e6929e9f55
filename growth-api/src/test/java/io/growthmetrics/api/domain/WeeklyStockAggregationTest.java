package io.growthmetrics.api.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeeklyStockAggregationTest {

    private final Map<LocalDate, BigDecimal> daily = new HashMap<>();

    private void on(String day, long value) {
        daily.put(LocalDate.parse(day), BigDecimal.valueOf(value));
    }

    private List<WeeklyPoint> aggregate(String from, String to) {
        return WeeklyStockAggregation.aggregate(new DateRange(LocalDate.parse(from), LocalDate.parse(to)), daily);
    }

    @Test
    void takesEachWeeksSundayValue() {
        on("2026-01-05", 1); // Monday of W02: not the closing value
        on("2026-01-11", 100);
        on("2026-01-17", 999); // Saturday of W03
        on("2026-01-18", 110);
        on("2026-01-25", 99);

        List<WeeklyPoint> weeks = aggregate("2026-01-05", "2026-01-25");

        assertEquals(List.of(
                new WeeklyPoint("2026-W02", bd(100), null),
                new WeeklyPoint("2026-W03", bd(110), new BigDecimal("10.00")),
                new WeeklyPoint("2026-W04", bd(99), new BigDecimal("-10.00"))), weeks);
    }

    @Test
    void aPartialLastWeekUsesTheValueOnTo() {
        on("2026-01-11", 100);
        on("2026-01-14", 120); // Wednesday = to
        on("2026-01-18", 500); // the Sunday after to: outside the range

        List<WeeklyPoint> weeks = aggregate("2026-01-05", "2026-01-14");

        assertEquals(2, weeks.size());
        assertEquals(new WeeklyPoint("2026-W03", bd(120), new BigDecimal("20.00")), weeks.get(1));
    }

    @Test
    void aPartialFirstWeekStillClosesOnItsSunday() {
        on("2026-01-08", 7); // Thursday = from
        on("2026-01-11", 40);

        assertEquals(List.of(new WeeklyPoint("2026-W02", bd(40), null)), aggregate("2026-01-08", "2026-01-11"));
    }

    @Test
    void aDayWithoutDataCountsAsZeroAndAZeroBaseHasNoGrowth() {
        on("2026-01-11", 50);
        // no value on Sunday 2026-01-18
        on("2026-01-25", 80);

        List<WeeklyPoint> weeks = aggregate("2026-01-05", "2026-01-25");

        assertEquals(new WeeklyPoint("2026-W03", BigDecimal.ZERO, new BigDecimal("-100.00")), weeks.get(1));
        assertEquals(new WeeklyPoint("2026-W04", bd(80), null), weeks.get(2));
    }

    @Test
    void labelsWeeksByIsoWeekBasedYearAcrossNewYear() {
        on("2027-01-03", 10); // Sunday closing 2026-W53
        on("2027-01-10", 15); // Sunday closing 2027-W01

        List<WeeklyPoint> weeks = aggregate("2026-12-28", "2027-01-10");

        assertEquals(List.of(
                new WeeklyPoint("2026-W53", bd(10), null),
                new WeeklyPoint("2027-W01", bd(15), new BigDecimal("50.00"))), weeks);
    }

    @Test
    void aSingleDayIsOneWeek() {
        on("2026-03-04", 3);

        assertEquals(List.of(new WeeklyPoint("2026-W10", bd(3), null)), aggregate("2026-03-04", "2026-03-04"));
    }

    @Test
    void growthIsRoundedHalfUpToTwoDecimals() {
        assertEquals(new BigDecimal("66.67"), WeeklyStockAggregation.wowGrowthPct(bd(3), bd(5)));
        assertEquals(new BigDecimal("0.33"), WeeklyStockAggregation.wowGrowthPct(bd(300), bd(301)));
        assertEquals(new BigDecimal("0.13"), WeeklyStockAggregation.wowGrowthPct(bd(800), bd(801))); // 0.125 up
        assertEquals(new BigDecimal("-0.13"), WeeklyStockAggregation.wowGrowthPct(bd(800), bd(799)));
        assertEquals(new BigDecimal("0.00"), WeeklyStockAggregation.wowGrowthPct(bd(7), bd(7)));
    }

    @Test
    void growthNeedsANonZeroPreviousWeek() {
        assertNull(WeeklyStockAggregation.wowGrowthPct(null, bd(5)));
        assertNull(WeeklyStockAggregation.wowGrowthPct(BigDecimal.ZERO, bd(5)));
    }

    @Test
    void isoWeeksAroundYearBoundaries() {
        assertEquals("2026-W53", IsoWeek.of(LocalDate.parse("2026-12-28")).label());
        assertEquals("2026-W53", IsoWeek.of(LocalDate.parse("2027-01-03")).label());
        assertEquals("2027-W01", IsoWeek.of(LocalDate.parse("2027-01-04")).label());
        assertEquals("2025-W01", IsoWeek.of(LocalDate.parse("2024-12-30")).label());
        assertEquals("2026-W01", IsoWeek.of(LocalDate.parse("2026-01-01")).label());
    }

    @Test
    void isoWeekBoundsAndSuccessor() {
        IsoWeek week53 = new IsoWeek(2026, 53);

        assertEquals(LocalDate.parse("2026-12-28"), week53.monday());
        assertEquals(LocalDate.parse("2027-01-03"), week53.sunday());
        assertEquals(new IsoWeek(2027, 1), week53.next());
        assertThrows(IllegalArgumentException.class, () -> new IsoWeek(2027, 53)); // 2027 has 52 weeks
    }

    private static BigDecimal bd(long value) {
        return BigDecimal.valueOf(value);
    }
}
