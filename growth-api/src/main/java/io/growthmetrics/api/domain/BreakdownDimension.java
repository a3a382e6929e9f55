package io.growthmetrics.api.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The dimensions kpi-service breaks installations down by; wireName is both the API value and the view's value. */
public enum BreakdownDimension {
    DRIVER("driver"),
    OS("os"),
    VERSION("version"),
    NODEJS("nodejs"),
    LICENSE("license");

    private final String wireName;

    BreakdownDimension(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<BreakdownDimension> fromWireName(String name) {
        return Arrays.stream(values()).filter(d -> d.wireName.equals(name)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(BreakdownDimension::wireName).toList();
    }
}
