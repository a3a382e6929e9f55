package io.growthmetrics.api.domain;

/**
 * The name of a snapshot metric as stored: {@code platform.teamCount}, {@code tables.databases},
 * {@code mqtt.clients{tier=pro}} (labels in braces, keys sorted). Names are compared exactly, so
 * {@code mqtt.clients{tier=pro}} and {@code mqtt.clients{tier=Pro}} are two metrics; all this checks is that a
 * requested name could be stored at all (snapshot_metric.name is varchar(512)).
 */
public final class MetricName {

    public static final int MAX_LENGTH = 512;

    private MetricName() {
    }

    /** The name unchanged when it is possible, else an error naming {@code parameter}. */
    public static String check(String parameter, String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidValueException(parameter, parameter + " must name a snapshot metric, got an empty name");
        }
        if (raw.codePointCount(0, raw.length()) > MAX_LENGTH) {
            throw new InvalidValueException(parameter, parameter + " must be a metric name of at most " + MAX_LENGTH + " characters");
        }
        if (raw.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException(parameter, parameter + " must not contain control characters");
        }
        if (!raw.strip().equals(raw)) {
            throw new InvalidValueException(parameter, parameter + " must not start or end with white space");
        }
        return raw;
    }
}
