package io.growthmetrics.ingest.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/** The replies of the original collector: {"status":"success"} or {"status":"error","error":"…"}. */
public final class CollectorReply {

    private CollectorReply() {
    }

    public static Response success() {
        return Response.ok(Map.of("status", "success"), MediaType.APPLICATION_JSON_TYPE).build();
    }

    public static Response error(Response.Status status, String message) {
        return error(status.getStatusCode(), message);
    }

    public static Response error(int status, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("error", message);
        Response.ResponseBuilder reply = Response.status(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE);
        if (status == Response.Status.SERVICE_UNAVAILABLE.getStatusCode()) {
            reply.header("Retry-After", "30");
        }
        return reply.build();
    }
}
