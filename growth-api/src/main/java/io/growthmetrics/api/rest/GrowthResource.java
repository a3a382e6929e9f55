package io.growthmetrics.api.rest;

import static io.growthmetrics.api.rest.Problem.UNAVAILABLE;

import io.growthmetrics.api.config.GrowthApiConfig;
import io.growthmetrics.api.domain.DateRange;
import io.growthmetrics.api.domain.GrowthCalculator;
import io.growthmetrics.api.domain.InvalidValueException;
import io.growthmetrics.api.domain.WeeklyPoint;
import io.growthmetrics.api.domain.WeeklyStockAggregation;
import io.growthmetrics.api.view.SeriesCatalog;
import io.growthmetrics.api.view.SeriesOptions;
import io.growthmetrics.api.view.SeriesSource;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/v1/growth")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "growth", description = "Week-on-week growth")
public class GrowthResource {

    static final String CALCULATOR_MODES = "give exactly one of: start+weeklyGrowthPct+weeks (end value), "
            + "start+end+weeks (weekly growth rate), start+target+weeklyGrowthPct (weeks to reach target)";

    private final SeriesCatalog series;
    private final GrowthApiConfig config;

    public GrowthResource(SeriesCatalog series, GrowthApiConfig config) {
        this.series = series;
        this.config = config;
    }

    @GET
    @Path("/weekly")
    @Operation(summary = "A series per ISO week, with week-on-week growth",
            description = "One entry per ISO week (Monday to Sunday, labelled like 2026-W01 by ISO week-based year) "
                    + "overlapping from..to. The series are stocks: a week's value is the value on its Sunday, or on "
                    + "'to' when the week ends after 'to'. wowGrowthPct = (value - previous) / previous * 100, rounded "
                    + "half-up to 2 decimals; null for the first week and when the previous value is 0. "
                    + "installations, hostedInstances and remoteInstances take includeDev; mrr is total self-service "
                    + "MRR in whole cents of one currency (the figure of /api/v1/revenue/mrr/daily) and takes currency. "
                    + "snapshot:{metric} is a snapshot metric, stored or derived, as listed by /api/v1/snapshots/metrics "
                    + "(e.g. snapshot:platform.teamCount, snapshot:mqtt.clients{tier=pro}; URL-encode the value): a week's "
                    + "value is the metric's value on the week's last day with a value up to its closing day, and 0 when "
                    + "the week has none; an unknown metric is a 400 naming series. "
                    + "Giving a parameter the series does not take is an error.")
    @APIResponse(responseCode = "200", description = "One entry per week, oldest first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = WeeklyPoint.class)))
    @APIResponse(responseCode = "400", description = "A parameter is missing or invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = UNAVAILABLE,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<WeeklyPoint>> weekly(
            @Parameter(description = "The series to aggregate", required = true,
                    schema = @Schema(type = SchemaType.STRING,
                            pattern = "^(installations|hostedInstances|remoteInstances|mrr|snapshot:.+)$"),
                    examples = {
                            @ExampleObject(name = "installations", value = "installations"),
                            @ExampleObject(name = "mrr", value = "mrr"),
                            @ExampleObject(name = "snapshot metric", value = "snapshot:platform.teamCount"),
                            @ExampleObject(name = "snapshot metric with labels", value = "snapshot:mqtt.clients{tier=pro}")})
            @RestQuery("series") String seriesName,
            @Parameter(description = "First day, YYYY-MM-DD (UTC)", required = true, example = "2026-01-05") @RestQuery String from,
            @Parameter(description = "Last day, YYYY-MM-DD (UTC), not before from", required = true, example = "2026-03-29") @RestQuery String to,
            @Parameter(description = "Installation series only: count developer builds and stub-driver test platforms too (default false)",
                    schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) @RestQuery String includeDev,
            @Parameter(description = "Series mrr only: three-letter currency code, any case (default usd)",
                    schema = @Schema(type = SchemaType.STRING, defaultValue = "usd", pattern = "^[A-Za-z]{3}$")) @RestQuery String currency) {
        SeriesSource source = series.find(QueryParams.required("series", seriesName))
                .orElseThrow(() -> new InvalidValueException("series", "query parameter 'series' must be one of "
                        + String.join(", ", series.described()) + "; got '" + QueryParams.echo(seriesName) + "'"));
        DateRange range = QueryParams.range(from, to, config.maxRangeDays());
        SeriesOptions options = new SeriesOptions(
                QueryParams.bool(SeriesOptions.INCLUDE_DEV, includeDev, false),
                QueryParams.currency(SeriesOptions.CURRENCY, currency));
        // An unknown series is reported as such, not as a parameter it would not take.
        return source.requireKnown().flatMap(known -> {
            onlyIfTaken(source, SeriesOptions.INCLUDE_DEV, includeDev);
            onlyIfTaken(source, SeriesOptions.CURRENCY, currency);
            return source.dailyValues(range, options);
        }).map(daily -> WeeklyStockAggregation.aggregate(range, daily));
    }

    /** includeDev means nothing for mrr, currency nothing for installations: say so rather than ignore it. */
    private void onlyIfTaken(SeriesSource source, String parameter, String raw) {
        if (raw != null && !source.parameters().contains(parameter)) {
            List<String> takers = series.names().stream()
                    .filter(name -> series.find(name).orElseThrow().parameters().contains(parameter))
                    .toList();
            throw new InvalidValueException(parameter, "query parameter '" + parameter + "' does not apply to series '"
                    + source.name() + "', only to " + String.join(", ", takers));
        }
    }

    @GET
    @Path("/calculator")
    @Operation(summary = "Week-on-week compounding calculator",
            description = "end = start * (1 + weeklyGrowthPct/100)^weeks, solved for whichever is missing. The mode "
                    + "follows from the parameters given: start+weeklyGrowthPct+weeks gives end and multiple; "
                    + "start+end+weeks gives weeklyGrowthPct and multiple; start+target+weeklyGrowthPct gives weeks "
                    + "(the smallest whole number of weeks reaching target), exactWeeks, and the end and multiple after "
                    + "those weeks. end is rounded to 2 decimals; weeklyGrowthPct, multiple and exactWeeks to 4. "
                    + "weeks is at most " + GrowthCalculator.MAX_WEEKS + ".")
    @APIResponse(responseCode = "200", description = "The completed calculation",
            content = @Content(schema = @Schema(oneOf = {GrowthCalculator.Projection.class, GrowthCalculator.WeeksToTarget.class})))
    @APIResponse(responseCode = "400", description = "A parameter is invalid, or the parameters match none of the three modes",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Object calculator(
            @Parameter(description = "Value now; greater than 0", required = true, example = "100") @RestQuery String start,
            @Parameter(description = "Growth per week in percent; greater than -100", example = "10") @RestQuery String weeklyGrowthPct,
            @Parameter(description = "Number of weeks, a whole number from 0 (1 when solving for the rate)", example = "52") @RestQuery String weeks,
            @Parameter(description = "Value after the weeks; solve for the weekly growth rate", example = "14204") @RestQuery String end,
            @Parameter(description = "Value to reach; greater than start; solve for the weeks", example = "1000") @RestQuery String target) {
        double startValue = QueryParams.number("start", start);
        if (weeklyGrowthPct != null && weeks != null && end == null && target == null) {
            return GrowthCalculator.project(startValue, QueryParams.number("weeklyGrowthPct", weeklyGrowthPct),
                    QueryParams.wholeNumber("weeks", weeks, 0, GrowthCalculator.MAX_WEEKS));
        }
        if (end != null && weeks != null && weeklyGrowthPct == null && target == null) {
            return GrowthCalculator.impliedGrowth(startValue, QueryParams.number("end", end),
                    QueryParams.wholeNumber("weeks", weeks, 1, GrowthCalculator.MAX_WEEKS));
        }
        if (target != null && weeklyGrowthPct != null && weeks == null && end == null) {
            return GrowthCalculator.weeksToReach(startValue, QueryParams.number("target", target),
                    QueryParams.number("weeklyGrowthPct", weeklyGrowthPct));
        }
        throw modeError(weeklyGrowthPct, weeks, end, target);
    }

    /** The three modes by the parameters they take besides start, in the order of CALCULATOR_MODES. */
    private static final List<List<String>> MODES = List.of(
            List.of("weeklyGrowthPct", "weeks"), List.of("end", "weeks"), List.of("target", "weeklyGrowthPct"));

    /**
     * Names a parameter even though no mode matches: the closest mode (most parameters in common, the first on a
     * tie) decides. A parameter it does not take is named first ("end" with weeklyGrowthPct+weeks), else the
     * first it lacks ("weeks" after start+weeklyGrowthPct).
     */
    private static InvalidValueException modeError(String weeklyGrowthPct, String weeks, String end, String target) {
        List<String> given = givenNames(weeklyGrowthPct, weeks, end, target);
        List<String> closest = MODES.get(0);
        long best = -1;
        for (List<String> mode : MODES) {
            long common = given.stream().filter(mode::contains).count();
            if (common > best) {
                best = common;
                closest = mode;
            }
        }
        List<String> mode = closest;
        String parameter = given.stream().filter(name -> !mode.contains(name)).findFirst()
                .orElseGet(() -> mode.stream().filter(name -> !given.contains(name)).findFirst().orElseThrow());
        String problem = given.contains(parameter)
                ? "query parameter '" + parameter + "' does not go with start+" + String.join("+", mode)
                : "query parameter '" + parameter + "' is required with start+" + String.join("+", given);
        return new InvalidValueException(parameter, problem + "; " + CALCULATOR_MODES + "; got start"
                + (given.isEmpty() ? " only" : "+" + String.join("+", given)));
    }

    private static List<String> givenNames(String weeklyGrowthPct, String weeks, String end, String target) {
        List<String> names = new ArrayList<>();
        if (weeklyGrowthPct != null) names.add("weeklyGrowthPct");
        if (weeks != null) names.add("weeks");
        if (end != null) names.add("end");
        if (target != null) names.add("target");
        return names;
    }
}
