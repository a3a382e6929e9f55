package io.growthmetrics.api.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A currency as the revenue views store it: three ASCII letters, lower case (Stripe's spelling, "usd"). Input is
 * case-insensitive. The code is not checked against ISO 4217: a well-formed code nobody bills in simply has no
 * revenue.
 */
public record CurrencyCode(String code) {

    // Before USD: static fields initialize in order, and USD's constructor uses the pattern.
    private static final Pattern THREE_LETTERS = Pattern.compile("[a-z]{3}");
    private static final Pattern THREE_LETTERS_ANY_CASE = Pattern.compile("[A-Za-z]{3}");

    public static final CurrencyCode USD = new CurrencyCode("usd");

    public CurrencyCode {
        if (code == null || !THREE_LETTERS.matcher(code).matches()) {
            throw new IllegalArgumentException("not a lower-case three-letter currency code: " + code);
        }
    }

    /** {@code raw} in any case ("USD", "usd", "Eur"); anything but three ASCII letters names {@code parameter}. */
    public static CurrencyCode parse(String parameter, String raw) {
        // Checked before lower-casing: toLowerCase maps some non-ASCII letters (the Kelvin sign) to ASCII ones.
        if (raw == null || !THREE_LETTERS_ANY_CASE.matcher(raw).matches()) {
            throw new InvalidValueException(parameter, "query parameter '" + parameter
                    + "' must be a three-letter currency code such as usd, got '" + Echo.bounded(raw) + "'");
        }
        return new CurrencyCode(raw.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return code;
    }
}
