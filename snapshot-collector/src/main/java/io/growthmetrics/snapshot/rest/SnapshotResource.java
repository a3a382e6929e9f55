package io.growthmetrics.snapshot.rest;

import io.growthmetrics.support.ProblemReplies;
import io.growthmetrics.contracts.snapshot.DailySnapshot;
import io.growthmetrics.snapshot.domain.MetricHistory;
import io.growthmetrics.snapshot.messaging.SnapshotService;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Takes a day's snapshot on demand. */
@Path("/admin/snapshots")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class SnapshotResource {

    private static final Logger LOG = Logger.getLogger(SnapshotResource.class);

    private final SnapshotService snapshots;
    private final MeterRegistry registry;

    public SnapshotResource(SnapshotService snapshots, MeterRegistry registry) {
        this.snapshots = snapshots;
        this.registry = registry;
    }

    @POST
    @Path("{date}")
    @Operation(summary = "Take and publish the snapshot of a UTC day",
            description = "Every series' latest value observed up to the end of the day, from the history of "
                    + "feature-adoption.metrics.v1, published to snapshots.daily.v1 (key = the date). Taking a day again "
                    + "republishes the same content (idempotent). The platform is not called unless collect=true, which "
                    + "is allowed for yesterday (stats dated the end of yesterday, like the daily run) and today (dated "
                    + "now). 200 with the snapshot; 400 for a malformed or future date; 401 without the right "
                    + "`Authorization: Bearer <METRICS_ADMIN_TOKEN>`; 503 when Kafka is unavailable or no token is "
                    + "configured.")
    public Response take(@PathParam("date") String date,
            @Parameter(description = "Collect the platform's admin stats first (yesterday or today only)")
            @QueryParam("collect") boolean collect) {
        LocalDate day;
        try {
            day = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            String shown = date.replace('\u0000', '?').replaceAll("[\\uD800-\\uDFFF]", "?");
            return counted("rejected", ProblemReplies.error(400, "date must be a day YYYY-MM-DD, got '"
                    + (shown.length() > 40 ? shown.substring(0, 40) + "…" : shown) + "'", null, List.of("date")));
        }
        LocalDate today = snapshots.today();
        if (day.isAfter(today)) {
            return counted("rejected", ProblemReplies.error(400, "date " + day + " is in the future (today is " + today
                    + " UTC)", null, List.of("date")));
        }
        if (collect) {
            if (day.isBefore(today.minusDays(1))) {
                return counted("rejected", ProblemReplies.error(400, "collect=true is only for yesterday or today: the "
                        + "platform's stats cannot be read for a past day"));
            }
            if (!snapshots.platformEnabled()) {
                return counted("rejected", ProblemReplies.error(400, "collect=true needs the built-in collector: set "
                        + "SNAPSHOT_PLATFORM_URL"));
            }
            snapshots.collectPlatform(day, day.equals(today) ? Instant.now() : MetricHistory.endOfDay(day));
        }
        DailySnapshot snapshot;
        try {
            snapshot = snapshots.takeAndPublish(day);
        } catch (SnapshotService.UnavailableException e) {
            LOG.warnf("Snapshot of %s not published: %s", day, e.getMessage());
            return counted("unavailable", ProblemReplies.error(503, "Snapshot store temporarily unavailable, retry later"));
        } catch (SnapshotService.InvalidSnapshotException e) {
            return counted("refused", ProblemReplies.error(422, "The snapshot of " + day + " breaks the rules and was not "
                    + "published: " + e.getMessage(), null, e.fields()));
        }
        return counted("published", ProblemReplies.json(200, snapshot).build());
    }

    private Response counted(String outcome, Response response) {
        registry.counter("snapshot.admin.requests", "outcome", outcome).increment();
        return response;
    }
}
