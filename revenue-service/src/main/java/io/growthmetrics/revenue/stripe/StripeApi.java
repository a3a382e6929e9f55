package io.growthmetrics.revenue.stripe;

import com.stripe.model.Coupon;
import com.stripe.model.Price;
import com.stripe.model.Subscription;

import java.util.Optional;

/**
 * The few Stripe API calls revenue-service makes. Each answers empty when Stripe says the object does not exist
 * (or the request is invalid), and throws {@link StripeUnavailableException} when Stripe cannot be reached.
 */
public interface StripeApi {

    /** Whether an API key is configured; without one every lookup is empty. */
    boolean available();

    /** The subscription now, with its discounts (and their coupons, as deep as expansion allows) expanded. */
    Optional<Subscription> subscription(String id) throws StripeUnavailableException;

    Optional<Coupon> coupon(String id) throws StripeUnavailableException;

    /** The price with {@code tiers} expanded (webhook payloads never carry them). */
    Optional<Price> priceWithTiers(String id) throws StripeUnavailableException;

    /**
     * Every subscription, any status, newest first as Stripe lists them, page after page: the iteration throws a
     * {@link RuntimeException} (wrapping the cause) when a page cannot be read.
     *
     * @param startingAfter resume after this subscription id; null for the start
     */
    Iterable<Subscription> allSubscriptions(String startingAfter, int pageSize) throws StripeUnavailableException;

    /** No API key: nothing can be looked up. */
    StripeApi NONE = new StripeApi() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public Optional<Subscription> subscription(String id) {
            return Optional.empty();
        }

        @Override
        public Optional<Coupon> coupon(String id) {
            return Optional.empty();
        }

        @Override
        public Optional<Price> priceWithTiers(String id) {
            return Optional.empty();
        }

        @Override
        public Iterable<Subscription> allSubscriptions(String startingAfter, int pageSize) {
            throw new IllegalStateException("No STRIPE_API_KEY configured");
        }
    };
}
