package io.growthmetrics.api.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CentsTest {

    @ParameterizedTest(name = "{0} ¢ → {1} ¢")
    @CsvSource({
            "0, 0",
            "1234, 1234",
            "1234.4999999, 1234",
            "1234.5, 1235",
            "1234.5000001, 1235",
            "0.5, 1",
            "0.49, 0",
            "-0.4, 0",
            "-0.5, -1",
            "-1234.5, -1235",
            "-1234.49, -1234",
            "2999.666666666666666666667, 3000"})
    void roundsHalfUpAwayFromZero(String exact, long whole) {
        assertEquals(whole, Cents.round(new BigDecimal(exact)));
    }

    @Test
    void arrIsTwelveTimesTheExactMonthlyValueRoundedOnce() {
        // 33.375 ¢ a month: 12 × 33.375 = 400.5 → 401, whereas 12 × round(33.375) would be 396.
        assertEquals(401, Cents.annualized(new BigDecimal("33.375")));
        // A third of a dollar a month is exactly four dollars a year when the exact value carries enough digits.
        assertEquals(400, Cents.annualized(new BigDecimal("33.333333333333")));
        assertEquals(0, Cents.annualized(BigDecimal.ZERO));
        assertEquals(-6, Cents.annualized(new BigDecimal("-0.5")));
    }

    @Test
    void failsRatherThanOverflow() {
        assertThrows(ArithmeticException.class, () -> Cents.round(new BigDecimal("1e20")));
    }
}
