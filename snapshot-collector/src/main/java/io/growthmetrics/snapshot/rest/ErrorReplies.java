package io.growthmetrics.snapshot.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Framework errors (415, 405, 404, …) and anything unexpected as {@code {"error":"…"}}, never a stack trace. */
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
        return Replies.error(status, message);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("Unexpected error", e);
        return Replies.error(500, "Internal error");
    }
}
