package io.growthmetrics.ingest.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/** The replies of the original collector: {"status":"success"} or {"status":"error","error":"…"}. */
public final class CollectorReply {

    /** Characters of an error message at most: a message may quote what was sent. */
    static final int MAX_MESSAGE = 500;

    private CollectorReply() {
    }

    /** Written as is: the reply to every accepted ping need not go through the JSON writer. */
    private static final String SUCCESS = "{\"status\":\"success\"}";

    public static Response success() {
        return Response.ok(SUCCESS, MediaType.APPLICATION_JSON_TYPE).build();
    }

    public static Response error(Response.Status status, String message) {
        return error(status.getStatusCode(), message);
    }

    public static Response error(int status, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("error", printable(message));
        Response.ResponseBuilder reply = Response.status(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE);
        if (status == Response.Status.SERVICE_UNAVAILABLE.getStatusCode()) {
            reply.header("Retry-After", "30");
        }
        return reply.build();
    }

    /** 429 with the seconds to wait. */
    public static Response tooManyRequests(long retryAfterSeconds) {
        return Response.fromResponse(error(429, "Too many pings from this sender, try again in " + retryAfterSeconds + " s"))
                .header("Retry-After", Long.toString(retryAfterSeconds)).build();
    }

    /**
     * The message as the reply can carry it: a quoted piece of a hostile body may hold NUL or unpaired surrogates
     * (which no JSON writer can encode as UTF-8) and be long.
     */
    static String printable(String message) {
        if (message == null) {
            return "Error";
        }
        StringBuilder sb = new StringBuilder(Math.min(message.length(), MAX_MESSAGE + 1));
        for (int i = 0; i < message.length() && sb.length() < MAX_MESSAGE; i++) {
            char c = message.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < message.length() && Character.isLowSurrogate(message.charAt(i + 1))) {
                sb.append(c).append(message.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                sb.append('\uFFFD');
            } else if (c < 0x20 && c != '\n' && c != '\t') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (sb.length() >= MAX_MESSAGE && message.length() > MAX_MESSAGE) {
            sb.append('…');
        }
        return sb.toString();
    }
}
