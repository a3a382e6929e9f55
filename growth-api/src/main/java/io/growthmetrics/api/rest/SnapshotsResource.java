package io.growthmetrics.api.rest;

import static io.growthmetrics.api.rest.Problem.UNAVAILABLE;

import io.growthmetrics.api.config.GrowthApiConfig;
import io.growthmetrics.api.domain.DateRange;
import io.growthmetrics.api.domain.LatestSnapshot;
import io.growthmetrics.api.domain.MetricName;
import io.growthmetrics.api.domain.MetricSummary;
import io.growthmetrics.api.domain.MetricValue;
import io.growthmetrics.api.domain.UnknownValueException;
import io.growthmetrics.api.view.SnapshotMetrics;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/v1/snapshots")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "snapshots", description = "Daily snapshots of the hosted platform and feature-adoption metrics, as materialized by "
        + "kpi-service, plus the derived metrics (numerator / denominator) configured in growth-api.derived-metrics.")
public class SnapshotsResource {

    static final String DERIVED = "Derived metrics (growth-api.derived-metrics) are included: numerator / denominator of two stored "
            + "metrics on the same day, rounded half-up to 6 decimals, with no value on a day where either is missing or "
            + "the denominator is 0.";

    private final SnapshotMetrics metrics;
    private final GrowthApiConfig config;

    public SnapshotsResource(SnapshotMetrics metrics, GrowthApiConfig config) {
        this.metrics = metrics;
        this.config = config;
    }

    @GET
    @Path("/latest")
    @Operation(summary = "The latest snapshot",
            description = "The latest day with a snapshot, every metric's value that day sorted by name (Java string order: upper case before lower case), "
                    + "and the failures the collector recorded for it. " + DERIVED)
    @APIResponse(responseCode = "200", description = "The latest snapshot",
            content = @Content(schema = @Schema(implementation = LatestSnapshot.class)))
    @APIResponse(responseCode = "404", description = "There is no snapshot yet",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = UNAVAILABLE,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<LatestSnapshot> latest() {
        return metrics.latest().map(latest -> latest.orElseThrow(
                () -> new UnknownValueException(null, "there is no snapshot yet")));
    }

    @GET
    @Path("/metrics")
    @Operation(summary = "Every snapshot metric",
            description = "One entry per metric, sorted by name (Java string order: upper case before lower case): the first and last day it has a value "
                    + "and its value on the last. " + DERIVED + " A configured derived metric is listed even before it has "
                    + "any value, with null dates and value.")
    @APIResponse(responseCode = "200", description = "The metrics",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = MetricSummary.class)))
    @APIResponse(responseCode = "503", description = UNAVAILABLE,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<MetricSummary>> list() {
        return metrics.summaries();
    }

    @GET
    @Path("/metrics/{name: .+}")
    @Operation(summary = "One snapshot metric per day",
            description = "The days from..to inclusive on which the metric has a value, oldest first; days without a "
                    + "value are absent, so the list may be empty. " + DERIVED + " The range may span at most "
                    + "growth-api.max-range-days days (3660 by default).")
    @APIResponse(responseCode = "200", description = "The metric's values in the range",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = MetricValue.class)))
    @APIResponse(responseCode = "400", description = "A parameter is missing or invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No metric has this name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = UNAVAILABLE,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<MetricValue>> series(
            @Parameter(description = "The metric's name, URL-encoded: labels are in braces, e.g. mqtt.clients{tier=pro} "
                    + "is mqtt.clients%7Btier%3Dpro%7D", required = true, example = "platform.teamCount") @RestPath String name,
            @Parameter(description = "First day, YYYY-MM-DD (UTC)", required = true, example = "2026-09-01") @RestQuery String from,
            @Parameter(description = "Last day, YYYY-MM-DD (UTC), not before from", required = true, example = "2026-11-30") @RestQuery String to) {
        String metric = MetricName.check("name", name);
        DateRange range = QueryParams.range(from, to, config.maxRangeDays());
        return metrics.isKnown(metric).flatMap(known -> {
            if (!known) {
                return Uni.createFrom().failure(new UnknownValueException("name", "no snapshot metric is named '" + metric + "'"));
            }
            return metrics.values(metric, range);
        });
    }
}
