package io.growthmetrics.revenue.stripe;

import com.stripe.model.Coupon;
import com.stripe.model.Price;
import io.growthmetrics.revenue.domain.CouponTerms;
import io.growthmetrics.revenue.domain.PriceTerms;
import io.growthmetrics.revenue.domain.Tier;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** stripe-java objects → the plain terms the monthly-value rules work on. */
public final class StripeTerms {

    private StripeTerms() {
    }

    public static CouponTerms coupon(Coupon coupon) {
        Map<String, Long> byCurrency = new HashMap<>();
        if (coupon.getCurrencyOptions() != null) {
            coupon.getCurrencyOptions().forEach((currency, option) -> {
                if (option != null && option.getAmountOff() != null) {
                    byCurrency.put(currency.toLowerCase(java.util.Locale.ROOT), option.getAmountOff());
                }
            });
        }
        List<String> products = coupon.getAppliesTo() == null ? null : coupon.getAppliesTo().getProducts();
        return new CouponTerms(coupon.getId(), coupon.getDuration(), coupon.getPercentOff(), coupon.getAmountOff(),
                coupon.getCurrency(), byCurrency, products == null ? null : new HashSet<>(products));
    }

    public static PriceTerms price(Price price) {
        Price.Recurring recurring = price.getRecurring();
        BigDecimal unit = price.getUnitAmountDecimal() != null ? price.getUnitAmountDecimal()
                : price.getUnitAmount() == null ? null : BigDecimal.valueOf(price.getUnitAmount());
        Price.TransformQuantity transform = price.getTransformQuantity();
        return new PriceTerms(price.getId(), price.getProduct(),
                recurring == null ? null : recurring.getInterval(),
                recurring == null || recurring.getIntervalCount() == null ? 1 : recurring.getIntervalCount(),
                recurring == null || recurring.getUsageType() == null ? PriceTerms.LICENSED : recurring.getUsageType(),
                price.getBillingScheme() == null ? "per_unit" : price.getBillingScheme(),
                unit, price.getTiersMode(), tiers(price),
                transform == null ? null : transform.getDivideBy(),
                transform == null ? null : transform.getRound(),
                price.getTaxBehavior());
    }

    /** The tiers, or null when the price object does not carry them (not expanded). */
    public static List<Tier> tiers(Price price) {
        if (price.getTiers() == null || price.getTiers().isEmpty()) {
            return null;
        }
        return price.getTiers().stream().map(t -> new Tier(t.getUpTo(),
                t.getUnitAmountDecimal() != null ? t.getUnitAmountDecimal()
                        : t.getUnitAmount() == null ? null : BigDecimal.valueOf(t.getUnitAmount()),
                t.getFlatAmountDecimal() != null ? t.getFlatAmountDecimal()
                        : t.getFlatAmount() == null ? null : BigDecimal.valueOf(t.getFlatAmount())))
                .toList();
    }
}
