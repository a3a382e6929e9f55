package io.growthmetrics.revenue.domain;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What of a Stripe coupon decides its effect on MRR.
 *
 * @param duration            {@code forever}, {@code once} or {@code repeating}: only forever coupons reduce MRR
 * @param percentOff          e.g. 25 or 12.5; null for an amount coupon
 * @param amountOff           minor units of {@code currency} taken off each invoice; null for a percent coupon
 * @param amountOffByCurrency {@code currency_options[*].amount_off} of a multi-currency coupon
 * @param appliesToProducts   {@code applies_to.products}; null when the coupon applies to every product
 */
public record CouponTerms(
        String id,
        String duration,
        BigDecimal percentOff,
        Long amountOff,
        String currency,
        Map<String, Long> amountOffByCurrency,
        Set<String> appliesToProducts) {

    public static final String FOREVER = "forever";

    public CouponTerms {
        amountOffByCurrency = amountOffByCurrency == null ? Map.of() : Map.copyOf(amountOffByCurrency);
        appliesToProducts = appliesToProducts == null ? null : Set.copyOf(appliesToProducts);
    }

    public static CouponTerms percent(String id, String duration, String percentOff) {
        return new CouponTerms(id, duration, new BigDecimal(percentOff), null, null, null, null);
    }

    public static CouponTerms amount(String id, String duration, long amountOff, String currency) {
        return new CouponTerms(id, duration, null, amountOff, currency, null, null);
    }

    public CouponTerms onlyFor(Set<String> products) {
        return new CouponTerms(id, duration, percentOff, amountOff, currency, amountOffByCurrency, products);
    }

    public boolean forever() {
        return FOREVER.equals(duration);
    }

    public boolean appliesTo(String productId) {
        return appliesToProducts == null || appliesToProducts.isEmpty() || appliesToProducts.contains(productId);
    }

    /** The amount off per invoice in the subscription's currency, or null when the coupon has none in it. */
    Long amountOffIn(String subscriptionCurrency) {
        if (amountOff == null) {
            return null;
        }
        String wanted = subscriptionCurrency == null ? null : subscriptionCurrency.toLowerCase(Locale.ROOT);
        if (currency == null || currency.equalsIgnoreCase(wanted)) {
            return amountOff;
        }
        return amountOffByCurrency.get(wanted);
    }
}
