package io.growthmetrics.snapshot.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.growthmetrics.contracts.EventJson;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON replies: {@code {"error":"…"}} for refusals (503 with {@code Retry-After}), events as on the wire. */
public final class Replies {

    private Replies() {
    }

    public static Response error(int status, String message) {
        return error(status, message, null);
    }

    /** With {@code errors}: every validation problem, one by one ({@code error} joins them). */
    public static Response error(int status, String message, List<String> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (problems != null && problems.size() > 1) {
            body.put("errors", problems);
        }
        Response.ResponseBuilder reply = Response.status(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE);
        if (status == Response.Status.SERVICE_UNAVAILABLE.getStatusCode()) {
            reply.header("Retry-After", "30");
        }
        return reply.build();
    }

    /** An event serialized exactly as it was published (ISO dates, exact decimals). */
    public static Response.ResponseBuilder json(int status, Object value) {
        try {
            return Response.status(status).entity(EventJson.mapper().writeValueAsString(value))
                    .type(MediaType.APPLICATION_JSON_TYPE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Events always serialize", e);
        }
    }
}
