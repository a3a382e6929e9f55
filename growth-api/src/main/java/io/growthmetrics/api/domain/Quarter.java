package io.growthmetrics.api.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A calendar quarter, written {@code YYYY-Qn} (2026-Q4): Q1 = January–March, Q2 = April–June, Q3 = July–September,
 * Q4 = October–December, both ends included. Calendar (not fiscal) quarters, like the CARR goals.
 */
public record Quarter(int year, int quarter) {

    private static final Pattern LABEL = Pattern.compile("(\\d{4})-Q([1-4])");

    public Quarter {
        if (year < 1 || year > 9999) {
            throw new IllegalArgumentException("year out of range: " + year);
        }
        if (quarter < 1 || quarter > 4) {
            throw new IllegalArgumentException("no quarter " + quarter);
        }
    }

    /** Strict: four-digit year, upper-case Q, quarter 1–4 ("2026-Q4"); anything else names {@code parameter}. */
    public static Quarter parse(String parameter, String raw) {
        if (raw == null) {
            throw new InvalidValueException(parameter, "query parameter '" + parameter + "' is required");
        }
        Matcher m = LABEL.matcher(raw);
        if (m.matches() && Integer.parseInt(m.group(1)) >= 1) {
            return new Quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        throw new InvalidValueException(parameter, "query parameter '" + parameter
                + "' must be a quarter YYYY-Qn with n from 1 to 4, such as 2026-Q4, got '" + Echo.bounded(raw) + "'");
    }

    public static Quarter of(LocalDate day) {
        return new Quarter(day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
    }

    public LocalDate firstDay() {
        return LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
    }

    /** 31 March, 30 June, 30 September or 31 December. */
    public LocalDate lastDay() {
        return firstDay().plusMonths(3).minusDays(1);
    }

    public boolean contains(LocalDate day) {
        return day != null && !day.isBefore(firstDay()) && !day.isAfter(lastDay());
    }

    /** 90 to 92: Q1 has 91 days in a leap year. */
    public long dayCount() {
        return ChronoUnit.DAYS.between(firstDay(), lastDay()) + 1;
    }

    /** e.g. 2026-Q4, the spelling of the API and of the CARR goals' key. */
    public String label() {
        return String.format("%04d-Q%d", year, quarter);
    }

    @Override
    public String toString() {
        return label();
    }
}
