package io.growthmetrics.api.domain;

/** Bounds a rejected input quoted back in an error, so a huge bad value does not come back as a huge error. */
public final class Echo {

    private static final int MAX_ECHOED_CHARS = 40;

    private Echo() {
    }

    /**
     * At most 40 code points, then an ellipsis. Cut between code points, never inside a surrogate pair: half a
     * pair cannot be written as JSON, and the error would become a 500.
     */
    public static String bounded(String raw) {
        if (raw == null) {
            return "";
        }
        if (raw.codePointCount(0, raw.length()) <= MAX_ECHOED_CHARS) {
            return raw;
        }
        return raw.substring(0, raw.offsetByCodePoints(0, MAX_ECHOED_CHARS)) + "…";
    }
}
