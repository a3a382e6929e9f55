package io.growthmetrics.api.rest;

import static io.growthmetrics.api.rest.Problem.UNAVAILABLE;

import io.growthmetrics.api.config.GrowthApiConfig;
import io.growthmetrics.api.domain.CarrSummary;
import io.growthmetrics.api.domain.CurrencyCode;
import io.growthmetrics.api.domain.DailyMrr;
import io.growthmetrics.api.domain.DateRange;
import io.growthmetrics.api.domain.MrrMovement;
import io.growthmetrics.api.domain.MrrSnapshot;
import io.growthmetrics.api.domain.Quarter;
import io.growthmetrics.api.view.RevenueView;
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

@Path("/api/v1/revenue")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "revenue", description = "Self-service MRR from Stripe and contracted ARR (CARR), as materialized by kpi-service. "
        + "Amounts are in cents of one currency and never summed across currencies.")
public class RevenueResource {

    static final String CURRENCY_DESCRIPTION = "Three-letter currency code, any case, answered in lower case (default usd)";

    private final RevenueView view;
    private final GrowthApiConfig config;
    private final Clock clock;

    public RevenueResource(RevenueView view, GrowthApiConfig config, Clock clock) {
        this.view = view;
        this.config = config;
        this.clock = clock;
    }

    @GET
    @Path("/mrr")
    @Operation(summary = "Self-service MRR and ARR on one day, per product",
            description = "Every product of the self-service catalog is listed, with 0 and 0 when it had no paying "
                    + "subscription; a product outside the catalog that still has MRR that day is listed under its id. "
                    + "Products are sorted by mrrCents, most first, then by name. MRR is kept exact (fractional cents) "
                    + "and rounded half-up to whole cents for display: each product separately, and totalCents from the "
                    + "exact sum, so the products may differ from the total by up to one cent per product. "
                    + "arrCents = 12 × the exact total, rounded. Without date, today's UTC date is used.")
    @APIResponse(responseCode = "200", description = "The day's MRR",
            content = @Content(schema = @Schema(implementation = MrrSnapshot.class)))
    @APIResponse(responseCode = "400", description = "A parameter is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = UNAVAILABLE,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<MrrSnapshot> mrr(
            @Parameter(description = "Day, YYYY-MM-DD (UTC); defaults to today in UTC", example = "2026-11-30") @RestQuery String date,
            @Parameter(description = CURRENCY_DESCRIPTION, schema = @Schema(type = SchemaType.STRING, defaultValue = "usd"))
            @RestQuery String currency) {
        LocalDate day = QueryParams.date("date", date, LocalDate.now(clock));
        CurrencyCode code = QueryParams.currency("currency", currency);
        return Uni.combine().all().unis(view.products(), view.productMrr(day, code))
                .with((catalog, rows) -> MrrSnapshot.of(day, code, catalog, rows));
    }

    @GET
    @Path("/mrr/daily")
    @Operation(summary = "Total self-service MRR per day",
            description = "Exactly one entry per UTC day from..to inclusive, oldest first; a day without MRR is 0. "
                    + "totalCents is the day's exact total rounded half-up to whole cents. The range may span at most "
                    + "growth-api.max-range-days days (3660 by default).")
    @APIResponse(responseCode = "200", description = "One entry per day",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = DailyMrr.class)))
    @APIResponse(responseCode = "400", description = "A parameter is missing or invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = UNAVAILABLE,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<DailyMrr>> mrrDaily(
            @Parameter(description = "First day, YYYY-MM-DD (UTC)", required = true, example = "2026-11-01") @RestQuery String from,
            @Parameter(description = "Last day, YYYY-MM-DD (UTC), not before from", required = true, example = "2026-11-30") @RestQuery String to,
            @Parameter(description = CURRENCY_DESCRIPTION, schema = @Schema(type = SchemaType.STRING, defaultValue = "usd"))
            @RestQuery String currency) {
        DateRange range = QueryParams.range(from, to, config.maxRangeDays());
        CurrencyCode code = QueryParams.currency("currency", currency);
        return view.dailyTotals(range, code).map(totals -> DailyMrr.gapFilled(range, totals));
    }

    @GET
    @Path("/movements")
    @Operation(summary = "MRR movements per customer and day",
            description = "type is new, expansion, contraction, churn or reactivation; deltaCents is signed "
                    + "(contraction and churn are negative) and rounded half-up, away from zero, to whole cents. "
                    + "Sorted by date, then customerId in code point order. The range may span at most "
                    + "growth-api.max-range-days days (3660 by default).")
    @APIResponse(responseCode = "200", description = "The movements in the range",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = MrrMovement.class)))
    @APIResponse(responseCode = "400", description = "A parameter is missing or invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = UNAVAILABLE,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<MrrMovement>> movements(
            @Parameter(description = "First day, YYYY-MM-DD (UTC)", required = true, example = "2026-11-01") @RestQuery String from,
            @Parameter(description = "Last day, YYYY-MM-DD (UTC), not before from", required = true, example = "2026-11-30") @RestQuery String to,
            @Parameter(description = CURRENCY_DESCRIPTION, schema = @Schema(type = SchemaType.STRING, defaultValue = "usd"))
            @RestQuery String currency) {
        DateRange range = QueryParams.range(from, to, config.maxRangeDays());
        CurrencyCode code = QueryParams.currency("currency", currency);
        return view.movements(range, code);
    }

    @GET
    @Path("/carr")
    @Operation(summary = "Contracted ARR (CARR) for a calendar quarter",
            description = "closedCents = the annual value of the contracts with status signed whose signed date is in "
                    + "the quarter; projectedCents = closedCents + the annual value of the contracts with status pipeline "
                    + "whose expected close date is in the quarter; goalCents = the quarter's goal if it was set in this "
                    + "currency, else 0 (no currency conversion). Only contracts in the requested currency count. "
                    + "Quarters are calendar quarters: Q1 = January to March, …, Q4 = October to December.")
    @APIResponse(responseCode = "200", description = "The quarter's CARR",
            content = @Content(schema = @Schema(implementation = CarrSummary.class)))
    @APIResponse(responseCode = "400", description = "A parameter is missing or invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = UNAVAILABLE,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CarrSummary> carr(
            @Parameter(description = "Calendar quarter, YYYY-Qn with n from 1 to 4", required = true, example = "2026-Q4",
                    schema = @Schema(type = SchemaType.STRING, pattern = "^\\d{4}-Q[1-4]$")) @RestQuery String quarter,
            @Parameter(description = CURRENCY_DESCRIPTION, schema = @Schema(type = SchemaType.STRING, defaultValue = "usd"))
            @RestQuery String currency) {
        Quarter q = QueryParams.quarter("quarter", quarter);
        CurrencyCode code = QueryParams.currency("currency", currency);
        return Uni.combine().all().unis(view.carrContracts(q, code), view.carrGoal(q))
                .with((contracts, goal) -> CarrSummary.of(q, code, contracts, goal));
    }
}
