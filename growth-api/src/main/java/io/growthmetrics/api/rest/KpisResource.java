package io.growthmetrics.api.rest;

import static io.growthmetrics.api.rest.Problem.UNAVAILABLE;

import io.growthmetrics.api.config.GrowthApiConfig;
import io.growthmetrics.api.domain.Echo;
import io.growthmetrics.api.domain.InvalidValueException;
import io.growthmetrics.api.domain.IsoWeek;
import io.growthmetrics.api.domain.KpiHistory;
import io.growthmetrics.api.domain.KpiReview;
import io.growthmetrics.api.domain.KpiWeekReport;
import io.growthmetrics.api.domain.UnknownValueException;
import io.growthmetrics.api.view.KpiView;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/v1/kpis")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "kpis", description = "The KPIs of the weekly review, as kpi-service computes them (definitions: kpi.definitions.* "
        + "in kpi-service's configuration; docs/kpis.md)")
public class KpisResource {

    static final String MARKDOWN = "text/markdown";
    /** Installation changes named in a review. */
    static final int REVIEW_CHANGES = 5;

    /** Weeks of history when no range is given. */
    static final int DEFAULT_WEEKS = 12;

    private final KpiView view;
    private final GrowthApiConfig config;
    private final Clock clock;

    public KpisResource(KpiView view, GrowthApiConfig config, Clock clock) {
        this.view = view;
        this.config = config;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Every KPI in one week",
            description = "The configured KPIs in review order, each with its value that week, the previous week's, the "
                    + "week-on-week growth, its target and whether it is on track. A KPI with no data for the week has "
                    + "value null (and no growth or verdict). A stock's value is its last day's (so far, this week); a "
                    + "flow's the sum over the week.")
    @APIResponse(responseCode = "200", description = "The week's KPIs",
            content = @Content(schema = @Schema(implementation = KpiWeekReport.class)))
    @APIResponse(responseCode = "400", description = "week is not an ISO week",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = UNAVAILABLE,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<KpiWeekReport> week(
            @Parameter(description = "ISO week, e.g. 2026-W47 (default: the current one, UTC)", example = "2026-W47")
            @RestQuery String week) {
        IsoWeek chosen = QueryParams.week("week", week, IsoWeek.of(LocalDate.now(clock)));
        return view.week(chosen).map(figures -> new KpiWeekReport(chosen.label(), figures));
    }

    @GET
    @Path("/{key}/weekly")
    @Operation(summary = "One KPI's weekly history",
            description = "One entry per ISO week from..to inclusive, oldest first (value null for a week without data). "
                    + "from and to are ISO weeks (2026-W40) or days (YYYY-MM-DD, meaning their weeks); by default the "
                    + DEFAULT_WEEKS + " weeks up to the current one. At most growth-api.max-range-days / 7 weeks.")
    @APIResponse(responseCode = "200", description = "The KPI's weeks",
            content = @Content(schema = @Schema(implementation = KpiHistory.class)))
    @APIResponse(responseCode = "400", description = "A parameter is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No KPI has this key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = UNAVAILABLE,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<KpiHistory> weekly(
            @Parameter(description = "The KPI's key, e.g. nrActiveInstances", required = true) @RestPath String key,
            @Parameter(description = "First week: 2026-W40 or a day in it", example = "2026-W40") @RestQuery String from,
            @Parameter(description = "Last week: 2026-W48 or a day in it (default: the current week)", example = "2026-W48")
            @RestQuery String to) {
        IsoWeek last = weekOrDay("to", to, IsoWeek.of(LocalDate.now(clock)));
        IsoWeek first = weekOrDay("from", from, IsoWeek.of(last.monday().minusWeeks(DEFAULT_WEEKS - 1L)));
        if (first.monday().isAfter(last.monday())) {
            throw new InvalidValueException("from", "from (" + first.label() + ") is after to (" + last.label() + ")");
        }
        long weeks = ChronoUnit.WEEKS.between(first.monday(), last.monday()) + 1;
        long maxWeeks = Math.max(1, config.maxRangeDays() / 7);
        if (weeks > maxWeeks) {
            throw new InvalidValueException("to", "from..to spans " + weeks + " weeks; at most " + maxWeeks + " are allowed");
        }
        return view.definitions().flatMap(definitions -> {
            KpiView.Definition definition = definitions.stream().filter(d -> d.key().equals(key)).findFirst()
                    .orElseThrow(() -> new UnknownValueException("key", "no KPI has the key '" + Echo.bounded(key) + "'"));
            return view.history(definition, first, last).map(history -> new KpiHistory(definition.key(),
                    definition.name(), definition.unit(), definition.kind(), history));
        });
    }

    @GET
    @Path("/review")
    @Produces({MediaType.APPLICATION_JSON, KpisResource.MARKDOWN})
    @Operation(summary = "The week's review as a short report",
            description = "Every KPI with its change and target, and what moved them: the largest changes of "
                    + "installations by driver, OS and version (the week's last day against the week before's), the "
                    + "week's MRR movements by type and the contracts signed in it. `Accept: text/markdown` gives "
                    + "Markdown; JSON otherwise.")
    @APIResponse(responseCode = "200", description = "The review",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = KpiReview.class)),
                    @Content(mediaType = MARKDOWN)})
    @APIResponse(responseCode = "400", description = "A parameter is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = UNAVAILABLE,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> review(
            @Parameter(description = "ISO week (default: the current one)", example = "2026-W47") @RestQuery String week,
            @Parameter(description = "Currency of the money figures (default usd)", example = "usd") @RestQuery String currency,
            @HeaderParam("Accept") String accept) {
        LocalDate today = LocalDate.now(clock);
        IsoWeek chosen = QueryParams.week("week", week, IsoWeek.of(today));
        String code = QueryParams.currency("currency", currency).code();
        LocalDate monday = chosen.monday();
        LocalDate last = chosen.sunday().isAfter(today) ? today : chosen.sunday();
        boolean markdown = accept != null && accept.contains(MARKDOWN);
        return view.week(chosen).flatMap(kpis -> view.breakdownChanges(monday.minusDays(1), last, REVIEW_CHANGES)
                .flatMap(changes -> view.movementTotals(monday, chosen.sunday(), code)
                        .flatMap(movements -> view.contractsSigned(monday, chosen.sunday(), code)
                                .map(contracts -> new KpiReview(chosen.label(), kpis, changes, movements, contracts, code)))))
                .map(review -> markdown
                        ? Response.ok(review.markdown(), MARKDOWN + "; charset=utf-8").build()
                        : Response.ok(review, MediaType.APPLICATION_JSON).build());
    }

    private static IsoWeek weekOrDay(String name, String raw, IsoWeek whenAbsent) {
        if (raw != null && raw.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return IsoWeek.of(QueryParams.date(name, raw));
        }
        return QueryParams.week(name, raw, whenAbsent);
    }
}
