package io.growthmetrics.snapshot.rest;

import io.growthmetrics.snapshot.github.GithubBackfill;
import io.growthmetrics.support.ProblemReplies;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Starts and follows the backfill of merged pull requests through the GitHub REST API ({@link GithubBackfill}). */
@Path("/admin/github/backfill")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class GithubBackfillResource {

    /** Days back when no {@code since} is given. */
    static final int DEFAULT_DAYS = 365;

    private final GithubBackfill backfill;

    public GithubBackfillResource(GithubBackfill backfill) {
        this.backfill = backfill;
    }

    @POST
    @Operation(summary = "Backfill merged pull requests from GitHub",
            description = "Reads the counted repositories' pull requests merged since `since` (YYYY-MM-DD, default a year "
                    + "ago) through the GitHub REST API (GITHUB_TOKEN, GITHUB_API_URL) in the background and publishes "
                    + "them to engineering.pull-requests.v1. 202 with the status; 409 while one runs.")
    public Response start(@QueryParam("since") String since) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate from;
        try {
            from = since == null ? today.minusDays(DEFAULT_DAYS) : LocalDate.parse(since);
        } catch (DateTimeParseException e) {
            return ProblemReplies.error(400, "since must be a day YYYY-MM-DD", null, List.of("since"));
        }
        if (from.isBefore(LocalDate.of(2020, 1, 1)) || from.isAfter(today)) {
            return ProblemReplies.error(400, "since must be a day from 2020-01-01 to today", null, List.of("since"));
        }
        if (!backfill.start(from)) {
            return ProblemReplies.error(409, "A GitHub backfill is running; follow it with GET /admin/github/backfill");
        }
        return ProblemReplies.json(202, backfill.status()).build();
    }

    @GET
    @Operation(summary = "The GitHub backfill's status", description = "state: idle, running, done or failed (with error).")
    public Response status() {
        return ProblemReplies.json(200, backfill.status()).build();
    }
}
