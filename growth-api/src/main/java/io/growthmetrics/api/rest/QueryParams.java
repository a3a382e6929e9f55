package io.growthmetrics.api.rest;

import io.growthmetrics.api.domain.IsoWeek;
import java.util.regex.Matcher;
import io.growthmetrics.api.domain.CurrencyCode;
import io.growthmetrics.api.domain.DateRange;
import io.growthmetrics.api.domain.Echo;
import io.growthmetrics.api.domain.InvalidValueException;
import io.growthmetrics.api.domain.Quarter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Parses raw query strings. Endpoints take every parameter as String and parse here, so a malformed value becomes
 * a 400 that names the parameter instead of a framework conversion error.
 */
final class QueryParams {

    /** ASCII digits only: {@code \d} without UNICODE_CHARACTER_CLASS, so no full-width or Arabic-Indic digits. */
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** Calculator inputs: far beyond any plan, and small enough that every result stays a finite number. */
    static final double MAX_NUMBER = 1e15;
    /** {@code (?i)} without UNICODE_CASE folds ASCII letters only. */
    private static final Pattern ISO_WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern TRUE_OR_FALSE = Pattern.compile("(?i)true|false");
    /** What BigDecimal's grammar needs, in ASCII: it would also take Arabic-Indic or full-width digits. */
    private static final Pattern ASCII_NUMBER = Pattern.compile("[+-]?[0-9.]+([eE][+-]?[0-9]+)?");

    private QueryParams() {
    }

    /** An empty value ({@code ?to=}) never gets here: {@link QueryParameterFilter} refuses it first. */
    static String required(String name, String raw) {
        if (raw == null) {
            throw new InvalidValueException(name, "query parameter '" + name + "' is required");
        }
        return raw;
    }

    static LocalDate date(String name, String raw) {
        required(name, raw);
        try {
            // Four digits and from year 1: 0000-01-01 parses (as 1 BC) but is no day anyone means.
            if (ISO_DATE.matcher(raw).matches() && !raw.startsWith("0000")) {
                return LocalDate.parse(raw); // strict: 2026-02-30 is rejected, not moved to March
            }
        } catch (DateTimeParseException e) {
            // reported below, like any other malformed date
        }
        throw new InvalidValueException(name, "query parameter '" + name + "' must be a date YYYY-MM-DD from 0001-01-01 to 9999-12-31, got '" + echo(raw) + "'");
    }

    /** An ISO week {@code 2026-W47} (a week its year has), or {@code whenAbsent}. */
    static IsoWeek week(String name, String raw, IsoWeek whenAbsent) {
        if (raw == null) {
            return whenAbsent;
        }
        Matcher m = ISO_WEEK.matcher(raw);
        if (m.matches() && !raw.startsWith("0000")) {
            try {
                return new IsoWeek(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        throw new InvalidValueException(name, "query parameter '" + name + "' must be an ISO week such as 2026-W47 "
                + "(a year, -W, and a week that year has), got '" + echo(raw) + "'");
    }

    static LocalDate date(String name, String raw, LocalDate whenAbsent) {
        return raw == null ? whenAbsent : date(name, raw);
    }

    static DateRange range(String fromRaw, String toRaw, int maxDays) {
        DateRange range = new DateRange(date("from", fromRaw), date("to", toRaw));
        if (range.dayCount() > maxDays) {
            throw new InvalidValueException("to", "from..to spans " + range.dayCount() + " days; at most " + maxDays + " are allowed");
        }
        return range;
    }

    static boolean bool(String name, String raw, boolean whenAbsent) {
        if (raw == null) {
            return whenAbsent;
        }
        // ASCII case only: equalsIgnoreCase would take "falſe" (long s) for false.
        if (TRUE_OR_FALSE.matcher(raw).matches()) {
            return raw.equalsIgnoreCase("true");
        }
        throw new InvalidValueException(name, "query parameter '" + name + "' must be true or false, got '" + echo(raw) + "'");
    }

    /** Three letters in any case, answered in lower case; usd when absent. */
    static CurrencyCode currency(String name, String raw) {
        return raw == null ? CurrencyCode.USD : CurrencyCode.parse(name, raw);
    }

    /** A calendar quarter YYYY-Qn, required. */
    static Quarter quarter(String name, String raw) {
        return Quarter.parse(name, raw);
    }

    /**
     * A decimal number from -1e15 to 1e15; BigDecimal's grammar already rejects NaN, Infinity and hex forms. Compared
     * as BigDecimal, so 1e999999999 is "too large" rather than an infinite double.
     */
    static double number(String name, String raw) {
        BigDecimal value = decimal(name, raw);
        if (value.abs().compareTo(BigDecimal.valueOf(MAX_NUMBER)) > 0) {
            throw new InvalidValueException(name, "query parameter '" + name + "' is too large: it must be from -1e15 to 1e15, got '"
                    + echo(raw) + "'");
        }
        return value.doubleValue();
    }

    static int wholeNumber(String name, String raw, int min, int max) {
        BigDecimal value = decimal(name, raw);
        if (value.stripTrailingZeros().scale() > 0) {
            throw new InvalidValueException(name, "query parameter '" + name + "' must be a whole number, got '" + echo(raw) + "'");
        }
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new InvalidValueException(name, "query parameter '" + name + "' must be from " + min + " to " + max + ", got '" + echo(raw) + "'");
        }
        return value.intValueExact();
    }

    static String oneOf(String name, String raw, Collection<String> allowed) {
        required(name, raw);
        if (!allowed.contains(raw)) {
            throw new InvalidValueException(name,
                    "query parameter '" + name + "' must be one of " + String.join(", ", allowed) + "; got '" + echo(raw) + "'");
        }
        return raw;
    }

    private static BigDecimal decimal(String name, String raw) {
        required(name, raw);
        try {
            String trimmed = raw.strip();
            if (!ASCII_NUMBER.matcher(trimmed).matches()) {
                throw new NumberFormatException();
            }
            return new BigDecimal(trimmed);
        } catch (NumberFormatException e) {
            throw new InvalidValueException(name, "query parameter '" + name + "' must be a number, got '" + echo(raw) + "'");
        }
    }

    /** Bounded, so a huge bad value does not come back as a huge error. */
    static String echo(String raw) {
        return Echo.bounded(raw);
    }
}
