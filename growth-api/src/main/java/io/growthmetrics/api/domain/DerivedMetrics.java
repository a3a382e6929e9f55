package io.growthmetrics.api.domain;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The configured derived metrics, by name. Their inputs are stored metrics only: a derived metric built on another
 * derived metric is a configuration error, reported at start-up, rather than an evaluation order to get right.
 * A derived name that is also a stored metric's name hides the stored metric: configuration wins.
 */
public final class DerivedMetrics {

    private final Map<String, DerivedMetric> byName = new TreeMap<>();

    public DerivedMetrics(Collection<DerivedMetric> metrics) {
        for (DerivedMetric metric : metrics) {
            if (byName.putIfAbsent(metric.name(), metric) != null) {
                throw new IllegalArgumentException("two derived metrics named " + metric.name());
            }
        }
        for (DerivedMetric metric : byName.values()) {
            for (String input : List.of(metric.numerator(), metric.denominator())) {
                if (byName.containsKey(input)) {
                    throw new IllegalArgumentException("derived metric " + metric.name() + " uses derived metric " + input
                            + "; numerator and denominator must be stored metrics");
                }
            }
        }
    }

    public Optional<DerivedMetric> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Sorted by name. */
    public Collection<DerivedMetric> all() {
        return byName.values();
    }

    /** The stored metrics any derived metric reads. */
    public Set<String> inputs() {
        Set<String> inputs = new LinkedHashSet<>();
        byName.values().forEach(metric -> {
            inputs.add(metric.numerator());
            inputs.add(metric.denominator());
        });
        return inputs;
    }

    /**
     * One day's metrics, stored and derived, sorted by name (String order); a derived metric without a value
     * that day is absent, and also hides a stored metric of the same name.
     */
    public Map<String, BigDecimal> withDerived(Map<String, BigDecimal> stored) {
        Map<String, BigDecimal> all = new TreeMap<>(stored);
        for (DerivedMetric metric : byName.values()) {
            all.remove(metric.name());
            metric.valueOn(stored).ifPresent(value -> all.put(metric.name(), value));
        }
        return all;
    }
}
