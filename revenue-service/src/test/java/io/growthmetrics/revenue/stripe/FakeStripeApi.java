package io.growthmetrics.revenue.stripe;

import com.google.gson.JsonObject;
import com.stripe.model.Coupon;
import com.stripe.model.Price;
import com.stripe.model.Subscription;
import com.stripe.net.ApiResource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A StripeApi answering from JSON objects given to it, recording each call. */
class FakeStripeApi implements StripeApi {

    final Map<String, JsonObject> subscriptions = new HashMap<>();
    final Map<String, JsonObject> coupons = new HashMap<>();
    final Map<String, JsonObject> prices = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    boolean down;

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public Optional<Subscription> subscription(String id) throws StripeUnavailableException {
        return answer("subscription " + id, subscriptions.get(id), Subscription.class);
    }

    @Override
    public Optional<Coupon> coupon(String id) throws StripeUnavailableException {
        return answer("coupon " + id, coupons.get(id), Coupon.class);
    }

    @Override
    public Optional<Price> priceWithTiers(String id) throws StripeUnavailableException {
        return answer("price " + id, prices.get(id), Price.class);
    }

    @Override
    public Iterable<Subscription> allSubscriptions(String startingAfter, int pageSize) {
        throw new UnsupportedOperationException();
    }

    private <T> Optional<T> answer(String call, JsonObject json, Class<T> type) throws StripeUnavailableException {
        calls.add(call);
        if (down) {
            throw new StripeUnavailableException("Stripe API unavailable while reading " + call, null);
        }
        return json == null ? Optional.empty() : Optional.of(ApiResource.GSON.fromJson(json, type));
    }
}
