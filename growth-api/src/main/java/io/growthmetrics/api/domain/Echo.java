package io.growthmetrics.api.domain;

/** Bounds a rejected input quoted back in an error, so a huge bad value does not come back as a huge error. */
final class Echo {

    private static final int MAX_ECHOED_CHARS = 40;

    private Echo() {
    }

    static String bounded(String raw) {
        if (raw == null) {
            return "";
        }
        return raw.length() <= MAX_ECHOED_CHARS ? raw : raw.substring(0, MAX_ECHOED_CHARS) + "…";
    }
}
