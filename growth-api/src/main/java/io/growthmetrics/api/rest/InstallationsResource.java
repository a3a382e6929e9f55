package io.growthmetrics.api.rest;

import static io.growthmetrics.api.rest.Problem.UNAVAILABLE;

import io.growthmetrics.api.config.GrowthApiConfig;
import io.growthmetrics.api.domain.BreakdownDimension;
import io.growthmetrics.api.domain.BreakdownEntry;
import io.growthmetrics.api.domain.DailyInstallations;
import io.growthmetrics.api.domain.DateRange;
import io.growthmetrics.api.view.InstallationsView;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/v1/installations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "installations", description = "Installation telemetry as materialized by kpi-service")
public class InstallationsResource {

    private final InstallationsView view;
    private final GrowthApiConfig config;
    private final Clock clock;

    public InstallationsResource(InstallationsView view, GrowthApiConfig config, Clock clock) {
        this.view = view;
        this.config = config;
        this.clock = clock;
    }

    @GET
    @Path("/daily")
    @Operation(summary = "Installations per day",
            description = "Exactly one entry per UTC day from..to inclusive, oldest first; a day without data is all zeros. "
                    + "The range may span at most growth-api.max-range-days days (3660 by default).")
    @APIResponse(responseCode = "200", description = "One entry per day",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = DailyInstallations.class)))
    @APIResponse(responseCode = "400", description = "A parameter is missing or invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = UNAVAILABLE,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<DailyInstallations>> daily(
            @Parameter(description = "First day, YYYY-MM-DD (UTC)", required = true, example = "2026-01-01") @RestQuery String from,
            @Parameter(description = "Last day, YYYY-MM-DD (UTC), not before from", required = true, example = "2026-01-31") @RestQuery String to,
            @Parameter(description = "Count developer builds and stub-driver test platforms too (default false)",
                    schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) @RestQuery String includeDev) {
        DateRange range = QueryParams.range(from, to, config.maxRangeDays());
        boolean withDev = QueryParams.bool("includeDev", includeDev, false);
        return view.daily(range, withDev).map(rows -> DailyInstallations.gapFilled(range, rows));
    }

    @GET
    @Path("/breakdown")
    @Operation(summary = "Installations on one day, broken down by a dimension",
            description = "Sorted by installations, most first, then by value in binary (code point) order. "
                    + "Without date, today's UTC date is used.")
    @APIResponse(responseCode = "200", description = "One entry per value of the dimension that had installations",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = BreakdownEntry.class)))
    @APIResponse(responseCode = "400", description = "A parameter is missing or invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = UNAVAILABLE,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<BreakdownEntry>> breakdown(
            @Parameter(description = "Dimension to break down by", required = true,
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"driver", "os", "version", "nodejs", "license"}))
            @RestQuery String by,
            @Parameter(description = "Day, YYYY-MM-DD (UTC); defaults to today in UTC", example = "2026-01-31") @RestQuery String date,
            @Parameter(description = "Count developer builds and stub-driver test platforms too (default false)",
                    schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) @RestQuery String includeDev) {
        BreakdownDimension dimension = BreakdownDimension.fromWireName(QueryParams.oneOf("by", by, BreakdownDimension.wireNames()))
                .orElseThrow();
        LocalDate day = QueryParams.date("date", date, LocalDate.now(clock));
        boolean withDev = QueryParams.bool("includeDev", includeDev, false);
        return view.breakdown(dimension, day, withDev);
    }
}
