package io.growthmetrics.api.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CarrSummaryTest {

    private static final Quarter Q4 = new Quarter(2026, 4);
    private static final Optional<CarrGoal> NO_GOAL = Optional.empty();

    @Test
    void closedIsSignedInTheQuarterAndProjectedAddsPipelineExpectedToClose() {
        List<CarrContract> contracts = List.of(
                signed("a", 1_200_000, "2026-10-01"), // first day
                signed("b", 3_000_000, "2026-12-31"), // last day
                signed("c", 999, "2026-09-30"), // the day before: Q3
                signed("d", 888, "2027-01-01"), // the day after: next year's Q1
                pipeline("e", 500_000, "2026-11-15"),
                pipeline("f", 777, "2027-01-01"), // expected after the quarter
                pipeline("g", 666, "2026-09-30"));

        CarrSummary carr = CarrSummary.of(Q4, CurrencyCode.USD, contracts, NO_GOAL);

        assertEquals(new CarrSummary("2026-Q4", "usd", 4_200_000, 4_700_000, 0), carr);
    }

    @Test
    void eachStatusCountsOnlyByItsOwnDate() {
        List<CarrContract> contracts = List.of(
                // signed in Q3 but expected to close in Q4: closed counts it in Q3, not here
                new CarrContract("a", 1_000, "signed", LocalDate.parse("2026-09-01"), LocalDate.parse("2026-11-01")),
                // pipeline with a signed date in Q4 (stale data): only the expected close date matters
                new CarrContract("b", 2_000, "pipeline", LocalDate.parse("2026-11-01"), LocalDate.parse("2027-02-01")),
                // missing dates count nowhere
                new CarrContract("c", 3_000, "signed", null, LocalDate.parse("2026-11-01")),
                new CarrContract("d", 4_000, "pipeline", LocalDate.parse("2026-11-01"), null),
                // an unknown status counts nowhere
                new CarrContract("e", 5_000, "lost", LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-01")),
                new CarrContract("f", 6_000, "signed", LocalDate.parse("2026-11-01"), null));

        CarrSummary carr = CarrSummary.of(Q4, CurrencyCode.USD, contracts, NO_GOAL);

        assertEquals(6_000, carr.closedCents());
        assertEquals(6_000, carr.projectedCents());
    }

    @Test
    void theGoalCountsOnlyInItsOwnCurrency() {
        Optional<CarrGoal> usdGoal = Optional.of(new CarrGoal("usd", 50_000_000));

        assertEquals(50_000_000, CarrSummary.of(Q4, CurrencyCode.USD, List.of(), usdGoal).goalCents());
        assertEquals(50_000_000, CarrSummary.of(Q4, CurrencyCode.USD, List.of(), Optional.of(new CarrGoal("USD", 50_000_000))).goalCents());
        assertEquals(0, CarrSummary.of(Q4, new CurrencyCode("eur"), List.of(), usdGoal).goalCents());
        assertEquals(0, CarrSummary.of(Q4, CurrencyCode.USD, List.of(), NO_GOAL).goalCents());
    }

    @Test
    void anEmptyQuarterIsAllZeros() {
        assertEquals(new CarrSummary("2026-Q1", "eur", 0, 0, 0),
                CarrSummary.of(new Quarter(2026, 1), new CurrencyCode("eur"), List.of(), NO_GOAL));
    }

    @Test
    void leapDayCountsInTheFirstQuarter() {
        CarrSummary carr = CarrSummary.of(new Quarter(2028, 1), CurrencyCode.USD,
                List.of(signed("a", 100, "2028-02-29"), pipeline("b", 50, "2028-03-31")), NO_GOAL);

        assertEquals(100, carr.closedCents());
        assertEquals(150, carr.projectedCents());
    }

    @Test
    void failsRatherThanOverflow() {
        assertThrows(ArithmeticException.class, () -> CarrSummary.of(Q4, CurrencyCode.USD,
                List.of(signed("a", Long.MAX_VALUE, "2026-10-01"), signed("b", 1, "2026-10-02")), NO_GOAL));
    }

    private static CarrContract signed(String id, long annualValueCents, String signedDate) {
        return new CarrContract(id, annualValueCents, CarrContract.SIGNED, LocalDate.parse(signedDate), null);
    }

    private static CarrContract pipeline(String id, long annualValueCents, String expectedCloseDate) {
        return new CarrContract(id, annualValueCents, CarrContract.PIPELINE, null, LocalDate.parse(expectedCloseDate));
    }
}
