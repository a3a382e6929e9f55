package io.growthmetrics.api.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GrowthCalculatorTest {

    /**
     * 100 compounding weekly for 52 weeks. The exact value 100 × (1 + g)^52, rounded to whole numbers: the 10%, 2%
     * and 20% rows equal the handbook's figures; 7%, 5% and 1% differ from them by one (see the next test).
     */
    @ParameterizedTest(name = "{0}% for 52 weeks: end {1} (rounded {2}), multiple {3}")
    @CsvSource({
            "10, 14204.29, 14204, 142.0429",
            "7, 3372.53, 3373, 33.7253",
            "5, 1264.28, 1264, 12.6428",
            "2, 280.03, 280, 2.8003",
            "1, 167.77, 168, 1.6777",
            "20, 1310463.09, 1310463, 13104.6309"})
    void projectsFiftyTwoWeeksOfCompounding(double growthPct, double end, long endRounded, double multiple) {
        GrowthCalculator.Projection projection = GrowthCalculator.project(100, growthPct, 52);

        assertEquals(end, projection.end());
        assertEquals(endRounded, Math.round(projection.end()));
        assertEquals(multiple, projection.multiple());
        assertEquals(52, projection.weeks());
        assertEquals(growthPct, projection.weeklyGrowthPct());
    }

    /**
     * The handbook table as quoted: 14,204 / 3,372 / 1,265 / 280 / 167 / 1,310,463. Three of its figures are not
     * the rounded exact value (3,372.53, 1,264.28 and 167.77 are), so this asserts each figure is within one unit of
     * the exact end: true for the table, false for off-by-one-week or simple-interest mistakes (51 weeks at 10%
     * gives 12,913).
     */
    @ParameterizedTest(name = "{0}% for 52 weeks ≈ {1}")
    @CsvSource({"10, 14204", "7, 3372", "5, 1265", "2, 280", "1, 167", "20, 1310463"})
    void agreesWithTheHandbookTableToWithinOneUnit(double growthPct, long handbookFigure) {
        double end = GrowthCalculator.project(100, growthPct, 52).end();

        assertTrue(Math.abs(end - handbookFigure) < 1, () -> "end " + end + " vs handbook " + handbookFigure);
    }

    @Test
    void zeroWeeksLeavesStartUnchanged() {
        GrowthCalculator.Projection projection = GrowthCalculator.project(250, 10, 0);

        assertEquals(250, projection.end());
        assertEquals(1, projection.multiple());
    }

    @Test
    void negativeGrowthShrinks() {
        assertEquals(81, GrowthCalculator.project(100, -10, 2).end());
    }

    @Test
    void derivesTheWeeklyRateFromStartEndAndWeeks() {
        GrowthCalculator.Projection projection = GrowthCalculator.impliedGrowth(100, 14204.29, 52);

        assertEquals(10.0, projection.weeklyGrowthPct());
        assertEquals(142.0429, projection.multiple());
        assertEquals(14204.29, projection.end());
    }

    @Test
    void derivesNegativeAndFractionalRates() {
        assertEquals(-50.0, GrowthCalculator.impliedGrowth(100, 50, 1).weeklyGrowthPct());
        // 2× in 10 weeks: 2^(1/10) − 1 = 7.1773…%
        assertEquals(7.1773, GrowthCalculator.impliedGrowth(100, 200, 10).weeklyGrowthPct());
    }

    @Test
    void findsTheWholeWeeksNeededToReachTarget() {
        GrowthCalculator.WeeksToTarget result = GrowthCalculator.weeksToReach(100, 1000, 10);

        assertEquals(25, result.weeks());
        assertEquals(24.1589, result.exactWeeks());
        assertEquals(1083.47, result.end());
        assertEquals(10.8347, result.multiple());
    }

    @Test
    void anExactlyReachedTargetNeedsNoExtraWeek() {
        // 100 × 1.1 = 110, but ln(1.1)/log1p(0.1) evaluates to 1.0000000000000007 in double: ceil would say 2.
        GrowthCalculator.WeeksToTarget oneWeek = GrowthCalculator.weeksToReach(100, 110, 10);
        assertEquals(1, oneWeek.weeks());
        assertEquals(1.0, oneWeek.exactWeeks());
        assertEquals(110, oneWeek.end());

        // 100 × 1.1^6 = 177.1561 exactly; the double quotient is 6.000000000000001.
        assertEquals(6, GrowthCalculator.weeksToReach(100, 177.1561, 10).weeks());
    }

    @Test
    void roundTripsWithTheProjection() {
        assertEquals(52, GrowthCalculator.weeksToReach(100, 14204.29, 10).weeks());
        assertEquals(53, GrowthCalculator.weeksToReach(100, 14204.30, 10).weeks());
    }

    @Test
    void rejectsAStartThatIsNotPositive() {
        assertParameter("start", () -> GrowthCalculator.project(0, 10, 52));
        assertParameter("start", () -> GrowthCalculator.impliedGrowth(-1, 10, 5));
        assertParameter("start", () -> GrowthCalculator.weeksToReach(0, 10, 5));
    }

    @Test
    void rejectsGrowthOfMinus100PercentOrLess() {
        assertParameter("weeklyGrowthPct", () -> GrowthCalculator.project(100, -100, 3));
        assertParameter("weeklyGrowthPct", () -> GrowthCalculator.project(100, -150, 3));
    }

    @Test
    void rejectsWeeksOutsideTheAcceptedRange() {
        assertParameter("weeks", () -> GrowthCalculator.project(100, 10, -1));
        assertParameter("weeks", () -> GrowthCalculator.project(100, 10, GrowthCalculator.MAX_WEEKS + 1));
        // A rate needs at least one week to spread over.
        assertParameter("weeks", () -> GrowthCalculator.impliedGrowth(100, 200, 0));
    }

    @Test
    void rejectsAnEndThatIsNotPositive() {
        assertParameter("end", () -> GrowthCalculator.impliedGrowth(100, 0, 4));
    }

    @Test
    void rejectsTargetsThatGrowthCannotReach() {
        assertParameter("target", () -> GrowthCalculator.weeksToReach(100, 100, 10));
        assertParameter("target", () -> GrowthCalculator.weeksToReach(100, 50, 10));
        assertParameter("weeklyGrowthPct", () -> GrowthCalculator.weeksToReach(100, 200, 0));
        assertParameter("weeklyGrowthPct", () -> GrowthCalculator.weeksToReach(100, 200, -5));
        assertParameter("target", () -> GrowthCalculator.weeksToReach(1, 1e300, 0.001));
    }

    @Test
    void rejectsResultsTooLargeForADouble() {
        assertParameter("weeklyGrowthPct", () -> GrowthCalculator.project(100, 1e6, GrowthCalculator.MAX_WEEKS));
    }

    private static void assertParameter(String parameter, Runnable call) {
        InvalidValueException e = assertThrows(InvalidValueException.class, call::run);
        assertEquals(parameter, e.parameter());
        assertTrue(e.getMessage().contains(parameter), e.getMessage());
    }
}
