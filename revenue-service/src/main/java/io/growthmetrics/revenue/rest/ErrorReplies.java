package io.growthmetrics.revenue.rest;

import io.growthmetrics.support.ProblemReplies;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Framework errors (415, 405, 404, …) and anything unexpected as problem+json ({@link ProblemReplies}), never a
 * stack trace. Declared per service: a mapper in service-support would apply to every service that uses it.
 */
public class ErrorReplies {

    private static final Logger LOG = Logger.getLogger(ErrorReplies.class);

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String message = switch (status) {
            case 415 -> "Unsupported Content-Type";
            case 405 -> "Method not allowed";
            case 404 -> "Not found";
            default -> e.getMessage();
        };
        return ProblemReplies.error(status, message);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("Unexpected error", e);
        return ProblemReplies.error(500, "Internal error");
    }
}
