package io.growthmetrics.ingest.domain;

/** A ping the collector refuses; the message is what the sender (or the importer) is told. */
public class InvalidPingException extends Exception {

    public InvalidPingException(String message) {
        super(message);
    }
}
