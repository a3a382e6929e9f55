package io.growthmetrics.api.view;

/**
 * The database refused, dropped the connection or did not answer within {@code growth-api.query-timeout}: the
 * request cannot be answered now but can be later (a 503). The message is for the log, never for the client.
 */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false); // no stack trace: the cause is an outage, not a bug
    }
}
