package io.growthmetrics.api.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DailyInstallationsTest {

    private static final LocalDate JAN_1 = LocalDate.parse("2026-01-01");

    @Test
    void fillsDaysWithoutARowWithZeros() {
        DailyInstallations jan2 = new DailyInstallations(JAN_1.plusDays(1), 5, 6, 7, 1, 2);

        List<DailyInstallations> days = DailyInstallations.gapFilled(new DateRange(JAN_1, JAN_1.plusDays(2)), List.of(jan2));

        assertEquals(List.of(DailyInstallations.zero(JAN_1), jan2, DailyInstallations.zero(JAN_1.plusDays(2))), days);
    }

    @Test
    void aRangeCountsBothEnds() {
        assertEquals(1, new DateRange(JAN_1, JAN_1).dayCount());
        assertEquals(365, new DateRange(JAN_1, LocalDate.parse("2026-12-31")).dayCount());
    }

    @Test
    void aRangeMustNotRunBackwards() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> new DateRange(JAN_1, JAN_1.minusDays(1)));
        assertEquals("from", e.parameter());
    }
}
