package io.growthmetrics.revenue.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Coupon;
import com.stripe.model.Price;
import com.stripe.model.Subscription;
import com.stripe.param.PriceRetrieveParams;
import com.stripe.param.SubscriptionListParams;
import com.stripe.param.SubscriptionRetrieveParams;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;

/**
 * {@link StripeApi} through stripe-java's {@link StripeClient} (API version pinned by the library:
 * 2026-07-29.dahlia). The client carries its own API base, so tests point it at a local server without touching
 * stripe-java's global settings.
 */
public class StripeGateway implements StripeApi {

    private static final Logger LOG = Logger.getLogger(StripeGateway.class);

    /** Expansion is limited to four levels: a list reaches the subscription's coupons, not the items' coupons. */
    static final String[] LIST_EXPAND = {"data.discounts.source.coupon", "data.items.data.discounts"};
    static final String[] RETRIEVE_EXPAND = {"discounts.source.coupon", "items.data.discounts"};

    private final StripeClient client;

    public StripeGateway(String apiKey, String apiBase, int maxNetworkRetries, Duration connectTimeout,
            Duration readTimeout) {
        StripeClient.StripeClientBuilder builder = StripeClient.builder()
                .setApiKey(apiKey)
                .setMaxNetworkRetries(maxNetworkRetries)
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setReadTimeout((int) readTimeout.toMillis());
        if (apiBase != null && !apiBase.isBlank()) {
            builder.setApiBase(apiBase.endsWith("/") ? apiBase.substring(0, apiBase.length() - 1) : apiBase);
        }
        this.client = builder.build();
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public Optional<Subscription> subscription(String id) throws StripeUnavailableException {
        SubscriptionRetrieveParams.Builder params = SubscriptionRetrieveParams.builder();
        for (String expand : RETRIEVE_EXPAND) {
            params.addExpand(expand);
        }
        return call("subscription " + id, () -> client.v1().subscriptions().retrieve(id, params.build()));
    }

    @Override
    public Optional<Coupon> coupon(String id) throws StripeUnavailableException {
        return call("coupon " + id, () -> client.v1().coupons().retrieve(id));
    }

    @Override
    public Optional<Price> priceWithTiers(String id) throws StripeUnavailableException {
        return call("price " + id, () -> client.v1().prices().retrieve(id,
                PriceRetrieveParams.builder().addExpand("tiers").build()));
    }

    @Override
    public Iterable<Subscription> allSubscriptions(String startingAfter, int pageSize) throws StripeUnavailableException {
        SubscriptionListParams.Builder params = SubscriptionListParams.builder()
                .setStatus(SubscriptionListParams.Status.ALL)
                .setLimit((long) pageSize);
        for (String expand : LIST_EXPAND) {
            params.addExpand(expand);
        }
        if (startingAfter != null) {
            params.setStartingAfter(startingAfter);
        }
        try {
            return client.v1().subscriptions().list(params.build()).autoPagingIterable();
        } catch (StripeException e) {
            throw new StripeUnavailableException("Listing subscriptions failed: " + describe(e), e);
        }
    }

    private interface Call<T> {
        T run() throws StripeException;
    }

    private static <T> Optional<T> call(String what, Call<T> call) throws StripeUnavailableException {
        try {
            return Optional.ofNullable(call.run());
        } catch (InvalidRequestException e) {
            // 404 resource_missing and other 4xx about this one object: it cannot be had, retrying will not help.
            LOG.warnf("Stripe could not give %s: %s", what, describe(e));
            return Optional.empty();
        } catch (StripeException e) {
            throw new StripeUnavailableException("Stripe API unavailable while reading " + what + ": " + describe(e), e);
        }
    }

    /**
     * For logs and error replies: no e-mail address (Stripe's messages end with its support address and may echo what
     * was sent, a customer's e-mail included).
     */
    static String describe(StripeException e) {
        return (e.getStatusCode() == null ? "" : "HTTP " + e.getStatusCode() + " ") + LogText.of(e.getMessage());
    }
}
