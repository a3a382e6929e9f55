package io.growthmetrics.revenue.rest;

import io.growthmetrics.support.ProblemReplies;
import io.growthmetrics.revenue.messaging.BackfillJob;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.LinkedHashMap;
import java.util.Map;

@Path("/admin/backfill")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class BackfillResource {

    private final BackfillJob job;

    public BackfillResource(BackfillJob job) {
        this.job = job;
    }

    @POST
    @Operation(summary = "Start a Stripe backfill",
            description = "Lists every subscription through the Stripe API and publishes each as a backfill.snapshot "
                    + "to revenue.subscriptions.v1, resuming after the last subscription stored if the previous run "
                    + "failed. 202 with the status when started; 409 while one runs; 503 without STRIPE_API_KEY. Needs "
                    + "`Authorization: Bearer <METRICS_ADMIN_TOKEN>`.")
    public Response start() {
        return switch (job.start("admin")) {
            case STARTED -> Response.accepted(job.status()).type(MediaType.APPLICATION_JSON_TYPE).build();
            case ALREADY_RUNNING -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("error", "A backfill is already running");
                body.put("backfill", job.status());
                yield Response.status(409).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
            }
            case NOT_CONFIGURED -> ProblemReplies.error(503, "Backfill needs the Stripe API: set STRIPE_API_KEY");
        };
    }

    @GET
    @Operation(summary = "The current or last backfill",
            description = "state (idle, running, completed, failed), counts read/published/errors, the resume point. "
                    + "Needs `Authorization: Bearer <METRICS_ADMIN_TOKEN>`.")
    public Response status() {
        return Response.ok(job.status(), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
