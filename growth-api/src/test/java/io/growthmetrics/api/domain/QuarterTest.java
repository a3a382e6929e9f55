package io.growthmetrics.api.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuarterTest {

    @ParameterizedTest(name = "{0}: {1} to {2}, {3} days")
    @CsvSource({
            "2026-Q1, 2026-01-01, 2026-03-31, 90",
            "2026-Q2, 2026-04-01, 2026-06-30, 91",
            "2026-Q3, 2026-07-01, 2026-09-30, 92",
            "2026-Q4, 2026-10-01, 2026-12-31, 92",
            "2024-Q1, 2024-01-01, 2024-03-31, 91", // leap year: 29 February
            "2000-Q1, 2000-01-01, 2000-03-31, 91", // divisible by 400: leap
            "2100-Q1, 2100-01-01, 2100-03-31, 90", // divisible by 100 only: not leap
            "2028-Q4, 2028-10-01, 2028-12-31, 92"})
    void boundsOfAQuarter(String label, LocalDate first, LocalDate last, long days) {
        Quarter quarter = Quarter.parse("quarter", label);

        assertEquals(first, quarter.firstDay());
        assertEquals(last, quarter.lastDay());
        assertEquals(days, quarter.dayCount());
        assertEquals(label, quarter.label());
    }

    @Test
    void containsBothEndsAndNothingOutside() {
        Quarter q4 = new Quarter(2026, 4);

        assertTrue(q4.contains(LocalDate.parse("2026-10-01")));
        assertTrue(q4.contains(LocalDate.parse("2026-12-31")));
        assertFalse(q4.contains(LocalDate.parse("2026-09-30")));
        assertFalse(q4.contains(LocalDate.parse("2027-01-01")));
        assertFalse(q4.contains(LocalDate.parse("2025-11-15"))); // same quarter, other year
        assertFalse(q4.contains(null));
    }

    @Test
    void leapDayIsInTheFirstQuarter() {
        assertTrue(new Quarter(2024, 1).contains(LocalDate.parse("2024-02-29")));
        assertEquals(new Quarter(2024, 1), Quarter.of(LocalDate.parse("2024-02-29")));
    }

    @Test
    void theQuarterOfADay() {
        assertEquals(new Quarter(2026, 1), Quarter.of(LocalDate.parse("2026-03-31")));
        assertEquals(new Quarter(2026, 2), Quarter.of(LocalDate.parse("2026-04-01")));
        assertEquals(new Quarter(2026, 3), Quarter.of(LocalDate.parse("2026-09-30")));
        assertEquals(new Quarter(2026, 4), Quarter.of(LocalDate.parse("2026-10-01")));
        assertEquals(new Quarter(2026, 4), Quarter.of(LocalDate.parse("2026-12-31")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-Q0", "2026-Q5", "2026-q4", "2026Q4", "26-Q4", "2026-Q4 ", "2026-4", "Q4-2026",
            "2026-Q04", "0000-Q1", "20260-Q1", "2026-11-01", ""})
    void rejectsAnythingButYyyyQn(String raw) {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> Quarter.parse("quarter", raw));
        assertEquals("quarter", e.parameter());
        assertTrue(e.getMessage().contains("YYYY-Qn"), e.getMessage());
    }

    @Test
    void isRequired() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> Quarter.parse("quarter", null));
        assertEquals("quarter", e.parameter());
        assertTrue(e.getMessage().contains("required"), e.getMessage());
    }
}
