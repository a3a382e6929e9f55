package io.growthmetrics.contracts.rules;

/** An event breaks its rules; the message names each field and what is wrong with it. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }
}
