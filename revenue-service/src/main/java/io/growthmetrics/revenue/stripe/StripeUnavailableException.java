package io.growthmetrics.revenue.stripe;

/** The Stripe API could not answer (network, 5xx, rate limit, authentication): worth retrying later. */
public class StripeUnavailableException extends Exception {

    public StripeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
