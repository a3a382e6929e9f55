package io.growthmetrics.api.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeekCarryForwardTest {

    private static LocalDate day(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void aWeekTakesItsLastValueUpToTheClosingDayButNeverTheNextWeeks() {
        // W45 = 2026-11-02..08, W46 = 09..15, W47 = 16..22, W48 = 23..29
        DateRange range = new DateRange(day("2026-11-03"), day("2026-11-25"));
        Map<LocalDate, BigDecimal> values = Map.of(
                day("2026-11-02"), BigDecimal.valueOf(1), // before the range: ignored
                day("2026-11-04"), BigDecimal.valueOf(10),
                day("2026-11-12"), BigDecimal.valueOf(20),
                day("2026-11-14"), BigDecimal.valueOf(0),
                day("2026-11-26"), BigDecimal.valueOf(99)); // after the range: ignored
        List<WeeklyPoint> weeks = WeeklyStockAggregation.aggregate(range, WeekCarryForward.fill(range, values));
        assertEquals(List.of("2026-W45", "2026-W46", "2026-W47", "2026-W48"), weeks.stream().map(WeeklyPoint::week).toList());
        assertEquals(List.of(BigDecimal.valueOf(10), BigDecimal.valueOf(0), BigDecimal.ZERO, BigDecimal.ZERO),
                weeks.stream().map(WeeklyPoint::value).toList());
    }

    @Test
    void fillsOnlyFromTheFirstValueOfEachWeek() {
        DateRange range = new DateRange(day("2026-11-07"), day("2026-11-10"));
        Map<LocalDate, BigDecimal> filled = WeekCarryForward.fill(range, Map.of(day("2026-11-07"), BigDecimal.ONE,
                day("2026-11-10"), BigDecimal.TEN));
        assertEquals(Map.of(day("2026-11-07"), BigDecimal.ONE, day("2026-11-08"), BigDecimal.ONE,
                day("2026-11-10"), BigDecimal.TEN), filled);
    }
}
