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
 * {@code customer.discount.*} and {@code coupon.*} events; in memory only (a restart learns again, from the API when a
 * key is configured). A coupon's terms never change once created (only its name and metadata can), and a
 * price's amounts never change, so nothing here goes stale.
 */
public class StripeObjectCache {

    /** How a cached price is tiered. */
    public record TieredPrice(String mode, List<Tier> tiers) {
    }

    private static final int MAX_ENTRIES = 200_000;

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
            put(couponOfDiscount, discount.getId(), couponId);
        }
    }

    public void learn(Coupon coupon) {
        if (coupon != null && coupon.getId() != null && coupon.getDuration() != null) {
            put(coupons, coupon.getId(), StripeTerms.coupon(coupon));
        }
    }

    public void learnTiers(String priceId, TieredPrice tiers) {
        put(tieredPrices, priceId, tiers);
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

    private static <V> void put(Map<String, V> map, String key, V value) {
        if (map.size() >= MAX_ENTRIES && !map.containsKey(key)) {
            map.clear(); // a crude bound; everything can be learned again
        }
        map.put(key, value);
    }
}
