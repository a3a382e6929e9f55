package io.growthmetrics.support;

/**
 * The shape of a service's JSON error replies, so that replies this module writes itself (authentication
 * refusals, which are answered before any endpoint runs) look like the service's own. A service whose shape
 * differs from the default {@code {"error":"…"}} provides a bean implementing this interface.
 */
public interface ErrorReplyShape {

    /**
     * @param status the HTTP status
     * @param title  a short, fixed summary of the status ("Unauthorized")
     * @param detail what happened and what to do, for a person
     */
    ErrorReply reply(int status, String title, String detail);

    /** A reply body and its media type. */
    record ErrorReply(String mediaType, String body) {
    }
}
