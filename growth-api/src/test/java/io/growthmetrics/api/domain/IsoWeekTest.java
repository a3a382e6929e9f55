package io.growthmetrics.api.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IsoWeekTest {

    @Test
    void aLabelIsTheZeroPaddedYearAndWeek() {
        assertEquals("2026-W01", new IsoWeek(2026, 1).label());
        assertEquals("2026-W53", new IsoWeek(2026, 53).label());
        assertEquals("0987-W10", new IsoWeek(987, 10).label());
        assertEquals("10000-W02", new IsoWeek(10000, 2).label());
    }

    @Test
    void everyWeekOfManyYearsIsLabelledAsStringFormatWould() {
        for (int year = 1; year <= 10_050; year += year < 2100 ? 1 : 37) {
            for (IsoWeek week = IsoWeek.of(LocalDate.of(year, 1, 4)); week.weekBasedYear() == year; week = week.next()) {
                assertEquals(String.format("%04d-W%02d", week.weekBasedYear(), week.week()), week.label());
            }
        }
    }

    @Test
    void theWeekBasedYearIsNotTheCalendarYear() {
        assertEquals("2026-W53", IsoWeek.of(LocalDate.of(2027, 1, 3)).label());
        assertEquals("2027-W01", IsoWeek.of(LocalDate.of(2027, 1, 4)).label());
    }
}
