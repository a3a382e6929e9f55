package io.growthmetrics.revenue.stripe;

import java.util.regex.Pattern;

/**
 * Text from outside (Stripe's error messages, a refused event's parse error) made fit for a log line: cut to a bounded
 * length first, so that masking costs at most that much whatever arrives (a 100,000-character value once took an
 * unbounded e-mail pattern half a minute), then e-mail addresses masked and control characters and lone surrogates
 * replaced.
 */
public final class LogText {

    /** Characters kept of a message; more would not help anyone reading the log. */
    public static final int MAX_CHARS = 300;

    // Possessive quantifiers: no backtracking, linear in the (already cut) text.
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]++@[A-Za-z0-9.-]++");
    private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cntrl}\\uD800-\\uDFFF]");

    private LogText() {
    }

    public static String of(String message) {
        if (message == null) {
            return "";
        }
        boolean cut = message.length() > MAX_CHARS;
        String kept = cut ? message.substring(0, MAX_CHARS) : message;
        String masked = UNPRINTABLE.matcher(EMAIL.matcher(kept).replaceAll("<e-mail>")).replaceAll("?");
        return cut ? masked + "…" : masked;
    }
}
