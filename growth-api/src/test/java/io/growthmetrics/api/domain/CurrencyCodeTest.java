package io.growthmetrics.api.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CurrencyCodeTest {

    @Test
    void acceptsThreeLettersInAnyCaseAndAnswersInLowerCase() {
        assertEquals(CurrencyCode.USD, CurrencyCode.parse("currency", "usd"));
        assertEquals(CurrencyCode.USD, CurrencyCode.parse("currency", "USD"));
        assertEquals("eur", CurrencyCode.parse("currency", "eUr").code());
        assertEquals("xyz", CurrencyCode.parse("currency", "XYZ").code()); // well-formed: just has no revenue
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "us", "usdd", "u5d", "us$", " usd", "usd ", "ÜSD", "\u212Aes", "dollars"})
    void rejectsAnythingButThreeAsciiLetters(String raw) {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> CurrencyCode.parse("currency", raw));
        assertEquals("currency", e.parameter());
        assertTrue(e.getMessage().contains("three-letter currency code"), e.getMessage());
    }

    @Test
    void theCanonicalFormIsLowerCase() {
        assertThrows(IllegalArgumentException.class, () -> new CurrencyCode("USD"));
    }
}
