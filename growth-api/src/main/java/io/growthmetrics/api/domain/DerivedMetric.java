package io.growthmetrics.api.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;

/**
 * A metric computed per day from two stored metrics, configured rather than coded:
 * {@code value = numerator / denominator}, exact decimal division rounded half-up to {@link #SCALE} decimals.
 * A day has no value when either input is missing that day or the denominator is 0.
 */
public record DerivedMetric(String name, String numerator, String denominator) {

    public static final int SCALE = 6;

    public DerivedMetric {
        String prefix = "growth-api.derived-metrics.\"" + name + "\"";
        requireName(prefix, name);
        requireName(prefix + ".numerator", numerator);
        requireName(prefix + ".denominator", denominator);
    }

    /** The value on a day whose stored metric values are {@code day}, if it has one. */
    public Optional<BigDecimal> valueOn(Map<String, BigDecimal> day) {
        return ratio(day.get(numerator), day.get(denominator));
    }

    public static Optional<BigDecimal> ratio(BigDecimal numerator, BigDecimal denominator) {
        if (numerator == null || denominator == null || denominator.signum() == 0) {
            return Optional.empty();
        }
        return Optional.of(numerator.divide(denominator, SCALE, RoundingMode.HALF_UP));
    }

    private static void requireName(String property, String value) {
        try {
            MetricName.check(property, value);
        } catch (InvalidValueException e) {
            throw new IllegalArgumentException("configuration " + e.getMessage(), e);
        }
    }
}
