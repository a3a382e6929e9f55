package io.growthmetrics.kpi.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DayRangeTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-11-29");

    @Test
    void nothingChangedAndNothingNewIsNothingToDo() {
        assertNull(DayRange.toRecompute(List.of(), null, TODAY, 7, TODAY, TODAY));
    }

    @Test
    void aChangedDayReachesTheWindowAfterItAndNoFurther() {
        LocalDate march = LocalDate.parse("2026-03-10");
        assertEquals(new DayRange(march, march.plusDays(7)),
                DayRange.toRecompute(List.of(march), null, TODAY, 7, TODAY, TODAY));
        assertEquals(new DayRange(march, LocalDate.parse("2026-03-15")),
                DayRange.toRecompute(List.of(march.plusDays(2), march), null, TODAY, 3, TODAY, TODAY));
    }

    @Test
    void theReachStopsAtTheLastDay() {
        assertEquals(new DayRange(TODAY.minusDays(2), TODAY),
                DayRange.toRecompute(List.of(TODAY.minusDays(2)), null, TODAY, 7, TODAY, TODAY));
    }

    @Test
    void daysNotMaterializedYetAreComputedUpToTheLast() {
        LocalDate march = LocalDate.parse("2026-03-10");
        assertEquals(new DayRange(march, TODAY),
                DayRange.toRecompute(List.of(march), null, TODAY.minusDays(1), 7, TODAY, TODAY));
        assertEquals(new DayRange(TODAY, TODAY), DayRange.toRecompute(List.of(), null, TODAY.minusDays(1), 7, TODAY, TODAY));
    }

    @Test
    void anOldMarkWithoutAnEndIsComputedUpToTheLast() {
        LocalDate march = LocalDate.parse("2026-03-10");
        assertEquals(new DayRange(march, TODAY.plusDays(1)),
                DayRange.toRecompute(List.of(TODAY), march, TODAY, 7, TODAY, TODAY.plusDays(1)));
    }

    @Test
    void aMarkBeyondTheLastDayGivesAnEmptyRange() {
        LocalDate far = LocalDate.parse("9999-12-31");
        DayRange range = DayRange.toRecompute(List.of(), far, TODAY, 7, TODAY, TODAY);
        assertEquals(far, range.from());
        assertEquals(TODAY, range.to());
    }

    @Test
    void aLongRangeIsTakenOnAChunkAtATime() {
        DayRange year = new DayRange(TODAY.minusDays(364), TODAY);
        assertEquals(new DayRange(TODAY.minusDays(364), TODAY.minusDays(335)), year.first(30));
        assertEquals(year, year.first(365));
        assertEquals(year, year.first(1_000));
        assertEquals(new DayRange(TODAY, TODAY), new DayRange(TODAY, TODAY).first(30));
        assertEquals(new DayRange(TODAY.minusDays(364), TODAY.minusDays(364)), year.first(0), "at least a day");
    }
}
