package io.growthmetrics.revenue.stripe;

/** A correctly signed event whose content cannot be read as the object its type promises. */
public class UnreadableEventException extends Exception {

    public UnreadableEventException(String message) {
        super(message);
    }
}
