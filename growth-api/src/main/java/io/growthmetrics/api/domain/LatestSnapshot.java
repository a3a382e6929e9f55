package io.growthmetrics.api.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The latest snapshot day: every metric's value (stored and derived, sorted by name) and the recorded failures. */
public record LatestSnapshot(
        LocalDate date,
        @Schema(type = SchemaType.OBJECT, description = "Metric name to value, sorted by name",
                example = "{\"adoption.tables\": 0.500000, \"platform.teamCount\": 24, \"tables.teams\": 12}")
        Map<String, BigDecimal> metrics,
        @Schema(type = SchemaType.ARRAY, description = "What the collector could not collect for this day, as it recorded it; [] when nothing failed")
        JsonNode failures) {
}
