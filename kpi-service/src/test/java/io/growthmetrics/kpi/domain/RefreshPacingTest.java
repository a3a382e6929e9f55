package io.growthmetrics.kpi.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RefreshPacingTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aRunOfTSecondsAtAQuarterShareWaitsThreeTimesT() {
        RefreshPacing pacing = new RefreshPacing(0.25);
        assertTrue(pacing.mayStart(0), "the first run starts at once");
        pacing.ran(10 * SECOND, 12 * SECOND);              // took 2 s
        assertFalse(pacing.mayStart(12 * SECOND));
        assertFalse(pacing.mayStart(17 * SECOND + SECOND / 2));
        assertTrue(pacing.mayStart(18 * SECOND), "2 s of work, then 6 s for the rest: 25 % busy");
    }

    @Test
    void aFullShareNeverWaitsAndNanoTimeMayWrap() {
        RefreshPacing pacing = new RefreshPacing(1.0);
        pacing.ran(Long.MAX_VALUE - SECOND, Long.MAX_VALUE);
        assertTrue(pacing.mayStart(Long.MIN_VALUE + 5), "System.nanoTime() may overflow; differences still order");
        RefreshPacing half = new RefreshPacing(0.5);
        half.ran(Long.MAX_VALUE - SECOND, Long.MAX_VALUE);
        assertFalse(half.mayStart(Long.MIN_VALUE + 5));
        assertTrue(half.mayStart(Long.MIN_VALUE + SECOND));
    }

    @Test
    void aPauseEndsEarlyOnceNoChangeWasMarkedBetweenTwoChecks() {
        RefreshPacing pacing = new RefreshPacing(0.25);
        pacing.ran(0, 20 * SECOND);                        // 60 s of pause
        assertFalse(pacing.quiet(1_000), "the first check of a pause has nothing to compare with");
        assertFalse(pacing.quiet(1_400), "changes still being marked: the consumers are busy");
        assertTrue(pacing.quiet(1_400), "nothing marked since the last check: nobody to yield to");
        pacing.ran(30 * SECOND, 31 * SECOND);
        assertFalse(pacing.quiet(1_400), "a new pause compares only within itself");
        assertTrue(pacing.quiet(1_400));
    }

    @Test
    void theShareMustBeAFraction() {
        assertThrows(IllegalArgumentException.class, () -> new RefreshPacing(0));
        assertThrows(IllegalArgumentException.class, () -> new RefreshPacing(1.5));
        assertThrows(IllegalArgumentException.class, () -> new RefreshPacing(Double.NaN));
    }
}
