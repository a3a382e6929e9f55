package io.growthmetrics.kpi.messaging;

/** A record that can never be processed: it goes to the dead-letter topic with this message as the reason. */
public class UnprocessableRecordException extends Exception {

    public UnprocessableRecordException(String message) {
        super(message);
    }
}
