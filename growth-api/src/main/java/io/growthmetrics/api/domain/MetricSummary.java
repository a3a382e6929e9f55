package io.growthmetrics.api.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A snapshot metric's extent: the first and last day it has a value, and the value on the last. */
public record MetricSummary(
        String name,
        @Schema(nullable = true, description = "null for a derived metric that has no value on any day yet") LocalDate firstDate,
        @Schema(nullable = true) LocalDate lastDate,
        @Schema(nullable = true) BigDecimal latestValue) {

    /** The summary of a metric's values by day; nulls when there are none. */
    public static MetricSummary of(String name, java.util.NavigableMap<LocalDate, BigDecimal> values) {
        if (values.isEmpty()) {
            return new MetricSummary(name, null, null, null);
        }
        return new MetricSummary(name, values.firstKey(), values.lastKey(), values.lastEntry().getValue());
    }
}
