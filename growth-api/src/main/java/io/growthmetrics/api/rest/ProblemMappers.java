package io.growthmetrics.api.rest;

import io.growthmetrics.api.config.GrowthApiConfig;
import io.growthmetrics.api.domain.InvalidValueException;
import io.growthmetrics.api.domain.UnknownValueException;
import io.growthmetrics.api.view.DatabaseUnavailableException;
import io.smallrye.mutiny.CompositeException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves as application/problem+json, and never with a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final long retryAfterSeconds;

    public ProblemMappers(GrowthApiConfig config) {
        this.retryAfterSeconds = Math.max(1, (config.retryAfter().toMillis() + 999) / 1000);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> invalidParameter(InvalidValueException e) {
        return problem(Problem.of(400, "Bad Request", e.getMessage(), e.parameter()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unknownValue(UnknownValueException e) {
        return problem(Problem.of(404, "Not Found", e.getMessage(), e.parameter()));
    }

    /** Framework errors such as 404 (no such path) or 405 keep their status but get the same body shape. */
    @ServerExceptionMapper
    public RestResponse<Problem> webApplication(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            LOG.error("request failed", e);
        }
        return problem(Problem.of(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), null));
    }

    /** PostgreSQL refused, dropped or did not answer within growth-api.query-timeout: try again later. */
    @ServerExceptionMapper
    public RestResponse<Problem> databaseUnavailable(DatabaseUnavailableException e) {
        LOG.warnf("answered 503: %s", e.getMessage());
        return RestResponse.ResponseBuilder.<Problem>create(503)
                .entity(Problem.of(503, "Service Unavailable",
                        "The database behind the views is not answering; try again in " + retryAfterSeconds + " s.", null))
                .type(Problem.MEDIA_TYPE)
                .header("Retry-After", String.valueOf(retryAfterSeconds))
                .build();
    }

    /** Two queries run together (Uni.combine) and both failed: an outage among them decides. */
    @ServerExceptionMapper
    public RestResponse<Problem> composite(CompositeException e) {
        for (Throwable cause : e.getCauses()) {
            if (cause instanceof DatabaseUnavailableException unavailable) {
                return databaseUnavailable(unavailable);
            }
        }
        return unexpected(e);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(Throwable e) {
        LOG.error("request failed", e);
        return problem(Problem.of(500, "Internal Server Error", "The request could not be completed; the cause is logged.", null));
    }

    private static RestResponse<Problem> problem(Problem problem) {
        return RestResponse.ResponseBuilder.<Problem>create(problem.status()).entity(problem).type(Problem.MEDIA_TYPE).build();
    }
}
