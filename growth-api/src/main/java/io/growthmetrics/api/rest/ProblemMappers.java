package io.growthmetrics.api.rest;

import io.growthmetrics.api.config.GrowthApiConfig;
import io.growthmetrics.api.domain.InvalidValueException;
import io.growthmetrics.api.domain.UnknownValueException;
import io.growthmetrics.api.view.DatabaseUnavailableException;
import io.smallrye.mutiny.CompositeException;
import jakarta.ws.rs.WebApplicationException;
import java.util.concurrent.atomic.AtomicLong;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves as application/problem+json, and never with a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** A long outage under traffic would log a line per request: one WARN per 10 s at most, with the count. */
    private static final long UNAVAILABLE_LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final long retryAfterSeconds;
    private final AtomicLong lastUnavailableLog = new AtomicLong(System.nanoTime() - UNAVAILABLE_LOG_INTERVAL_NANOS);
    private final AtomicLong unavailableSinceLog = new AtomicLong();

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
        long answered = unavailableSinceLog.incrementAndGet();
        long last = lastUnavailableLog.get();
        long now = System.nanoTime();
        if (now - last >= UNAVAILABLE_LOG_INTERVAL_NANOS && lastUnavailableLog.compareAndSet(last, now)) {
            unavailableSinceLog.addAndGet(-answered);
            LOG.warnf("answered 503 (%d since the last such line): %s", answered, e.getMessage());
        } else {
            LOG.debugf("answered 503: %s", e.getMessage());
        }
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
