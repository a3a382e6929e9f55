package io.growthmetrics.revenue.stripe;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogTextTest {

    @Test
    void masksAddressesAndUnprintableCharacters() {
        assertEquals("No such customer: '<e-mail>' (contact <e-mail>)?x?",
                LogText.of("No such customer: 'jane.doe+x@example.com' (contact support@stripe.com)\u0000x\uD800"));
        assertEquals("", LogText.of(null));
    }

    @Test
    void aHugeValueIsCutBeforeMaskingSoItCostsNoMoreThanAShortOne() {
        // 100,000 characters that an unbounded e-mail pattern would scan quadratically (it once took 30 s).
        String huge = "y".repeat(100_000) + "@example.com";
        String logged = LogText.of(huge);
        assertEquals(LogText.MAX_CHARS + 1, logged.length());
        assertTrue(logged.endsWith("…"), logged);
        assertFalse(LogText.of("a".repeat(LogText.MAX_CHARS - 20) + " x@example.com").contains("example.com"));
    }
}
