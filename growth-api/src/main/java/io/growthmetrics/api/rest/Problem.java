package io.growthmetrics.api.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail. {@code type} is "about:blank" (the status says it all), so {@code title} is the
 * status phrase; {@code parameter} names the offending query parameter when there is one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String parameter) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** The 503 of every endpoint that reads the views. */
    public static final String UNAVAILABLE = "PostgreSQL refused, dropped the connection or did not answer within "
            + "growth-api.query-timeout (5 s by default); Retry-After says when to try again";

    public static Problem of(int status, String title, String detail, String parameter) {
        return new Problem("about:blank", title, status, detail, parameter);
    }
}
