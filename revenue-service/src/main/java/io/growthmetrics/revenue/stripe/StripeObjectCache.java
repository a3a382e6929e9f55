package io.growthmetrics.revenue.stripe;

import com.stripe.model.Coupon;
import com.stripe.model.Discount;
import io.growthmetrics.revenue.domain.CouponTerms;
import io.growthmetrics.revenue.domain.Tier;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What revenue-service has learned of Stripe objects that events do not carry in full: which coupon a discount
 * applies (since API 2025-09-30 subscriptions list discount ids only, and {@code Discount.source.coupon} is not
 * expanded), a coupon's terms, and a tiered price's tiers. Fed by expanded objects in events and API answers and by
 * {@code customer.discount.*} and {@code coupon.*} events. Whatever is learned anew is handed to the
 * {@link #onLearned listener} (revenue-service publishes it to the compacted {@code revenue.stripe-terms.v1} and
 * {@link #restore restores} it at start-up, so a restart forgets no discount, with or without an API key). A coupon's terms never change once created (only its name and metadata can), and a
 * price's amounts never change, so nothing here goes stale.
 */
public class StripeObjectCache {

    /** How a cached price is tiered. */
    public record TieredPrice(String mode, List<Tier> tiers) {
    }

    private static final int MAX_ENTRIES = 200_000;
    public static final String COUPON = "coupon:";
    public static final String DISCOUNT = "discount:";
    public static final String PRICE = "price:";

    /** Told of every entry learned anew or changed: its key ({@code coupon:<id>}, …) and value. */
    public interface Listener {
        void learned(String key, Object value);
    }

    /** A discount's coupon, as kept on {@code revenue.stripe-terms.v1}. */
    public record DiscountCoupon(String coupon) {
    }

    private volatile Listener listener = (key, value) -> { };

    private final Map<String, String> couponOfDiscount = new ConcurrentHashMap<>();
    private final Map<String, CouponTerms> coupons = new ConcurrentHashMap<>();
    private final Map<String, TieredPrice> tieredPrices = new ConcurrentHashMap<>();

    /** Learns a discount's coupon (and the coupon's terms, if expanded). */
    public void learn(Discount discount) {
        if (discount == null || discount.getId() == null || discount.getSource() == null) {
            return;
        }
        Coupon expanded = discount.getSource().getCouponObject();
        if (expanded != null) {
            learn(expanded);
        }
        String couponId = discount.getSource().getCoupon();
        if (couponId != null) {
            put(couponOfDiscount, discount.getId(), couponId, DISCOUNT, new DiscountCoupon(couponId));
        }
    }

    public void learn(Coupon coupon) {
        if (coupon != null && coupon.getId() != null && coupon.getDuration() != null) {
            CouponTerms terms = StripeTerms.coupon(coupon);
            put(coupons, coupon.getId(), terms, COUPON, terms);
        }
    }

    public void learnTiers(String priceId, TieredPrice tiers) {
        put(tieredPrices, priceId, tiers, PRICE, tiers);
    }

    public void onLearned(Listener listener) {
        this.listener = listener == null ? (key, value) -> { } : listener;
    }

    /** Puts back what was learned before (a value read from {@code revenue.stripe-terms.v1}); the listener is not told. */
    public void restore(String key, Object value) {
        if (key.startsWith(COUPON) && value instanceof CouponTerms terms) {
            putQuietly(coupons, key.substring(COUPON.length()), terms);
        } else if (key.startsWith(DISCOUNT) && value instanceof DiscountCoupon d && d.coupon() != null) {
            putQuietly(couponOfDiscount, key.substring(DISCOUNT.length()), d.coupon());
        } else if (key.startsWith(PRICE) && value instanceof TieredPrice tiers) {
            putQuietly(tieredPrices, key.substring(PRICE.length()), tiers);
        }
    }

    /** What kind of value a key of {@code revenue.stripe-terms.v1} holds, or null for an unknown key. */
    public static Class<?> valueType(String key) {
        if (key == null) {
            return null;
        }
        if (key.startsWith(COUPON)) {
            return CouponTerms.class;
        }
        if (key.startsWith(DISCOUNT)) {
            return DiscountCoupon.class;
        }
        return key.startsWith(PRICE) ? TieredPrice.class : null;
    }

    /** Forgets everything, as a restart does (tests: shows what {@link #restore} brings back). */
    public void forgetAll() {
        coupons.clear();
        couponOfDiscount.clear();
        tieredPrices.clear();
    }

    public int size() {
        return coupons.size() + couponOfDiscount.size() + tieredPrices.size();
    }

    public Optional<String> couponOfDiscount(String discountId) {
        return Optional.ofNullable(couponOfDiscount.get(discountId));
    }

    public Optional<CouponTerms> coupon(String couponId) {
        return Optional.ofNullable(coupons.get(couponId));
    }

    public Optional<TieredPrice> tiers(String priceId) {
        return Optional.ofNullable(tieredPrices.get(priceId));
    }

    private <V> void put(Map<String, V> map, String key, V value, String prefix, Object published) {
        V before = putQuietly(map, key, value);
        if (!value.equals(before)) {
            listener.learned(prefix + key, published);
        }
    }

    private static <V> V putQuietly(Map<String, V> map, String key, V value) {
        if (map.size() >= MAX_ENTRIES && !map.containsKey(key)) {
            map.clear(); // a crude bound; everything can be learned again
        }
        return map.put(key, value);
    }
}
