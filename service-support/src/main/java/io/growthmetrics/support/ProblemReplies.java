package io.growthmetrics.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.growthmetrics.contracts.EventJson;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON replies: refusals as RFC 9457 problem details ({@code application/problem+json}: type, title, status, detail,
 * plus {@code field} naming the first field at fault, {@code fields} and {@code errors} when there are several;
 * 503 with {@code Retry-After}), events as on the wire. For the services whose refusals name a body field
 * (revenue-service, snapshot-collector); growth-api's problems name a query parameter and have their own record.
 */
public final class ProblemReplies {

    public static final String PROBLEM_JSON = ProblemJsonErrorShape.PROBLEM_JSON;
    /** Seconds a client is asked to wait after a 503. */
    public static final String RETRY_AFTER_SECONDS = "30";

    private ProblemReplies() {
    }

    public static Response error(int status, String message) {
        return error(status, message, null, null);
    }

    /** With {@code errors}: every validation problem, one by one ({@code detail} joins them). */
    public static Response error(int status, String message, List<String> problems) {
        return error(status, message, problems, null);
    }

    /** With {@code field}: the first field at fault ({@code fields}: all of them, when there are several). */
    public static Response error(int status, String message, List<String> problems, List<String> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title(status));
        body.put("status", status);
        body.put("detail", message);
        if (fields != null && !fields.isEmpty()) {
            body.put("field", fields.get(0));
            if (fields.size() > 1) {
                body.put("fields", fields);
            }
        }
        if (problems != null && problems.size() > 1) {
            body.put("errors", problems);
        }
        Response.ResponseBuilder reply = Response.status(status).entity(json(body)).type(PROBLEM_JSON);
        if (status == Response.Status.SERVICE_UNAVAILABLE.getStatusCode()) {
            reply.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return reply.build();
    }

    /** The status's reason phrase (RFC 9110); JAX-RS's list lacks 422. */
    static String title(int status) {
        if (status == 422) {
            return "Unprocessable Content";
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }

    private static String json(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Maps of strings always serialize", e);
        }
    }

    /** An event serialized exactly as it was published (ISO dates, exact decimals). */
    public static Response.ResponseBuilder json(int status, Object value) {
        return Response.status(status).entity(json(value)).type(MediaType.APPLICATION_JSON_TYPE);
    }
}
