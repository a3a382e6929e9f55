package io.growthmetrics.revenue.stripe;

import com.stripe.model.Discount;
import com.stripe.model.Price;
import com.stripe.model.Subscription;
import io.growthmetrics.contracts.revenue.SubscriptionItem;
import io.growthmetrics.contracts.revenue.SubscriptionSnapshot;
import io.growthmetrics.revenue.domain.CouponTerms;
import io.growthmetrics.revenue.domain.ItemTerms;
import io.growthmetrics.revenue.domain.MonthlyValue;
import io.growthmetrics.revenue.domain.PriceTerms;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A stripe-java {@link Subscription} → the normalized {@link SubscriptionSnapshot}, each item valued by
 * {@link MonthlyValue}.
 * <p>
 * Discounts: a subscription (and each item) lists discount ids. Each id is resolved to its coupon through the
 * {@link StripeObjectCache}; ids it does not know are learned, when an API key is configured, by retrieving the
 * subscription once with its discounts expanded, and unknown coupons by retrieving the coupon. A discount whose coupon
 * cannot be resolved counts as no discount, with a warning in the log. Tiered prices' tiers likewise: cache, then
 * {@code GET /v1/prices/{id}?expand[]=tiers}, else the item counts 0 with a warning.
 */
public class SubscriptionNormalizer {

    private static final Logger LOG = Logger.getLogger(SubscriptionNormalizer.class);

    /** The snapshot and what could not be taken into account. */
    public record Normalized(SubscriptionSnapshot snapshot, List<String> warnings) {
    }

    private final StripeObjectCache cache;
    private final StripeApi api;

    public SubscriptionNormalizer(StripeObjectCache cache, StripeApi api) {
        this.cache = cache;
        this.api = api;
    }

    /**
     * @param context for log lines, e.g. the event id
     * @throws StripeUnavailableException an API lookup was needed and Stripe could not be reached
     */
    public Normalized normalize(Subscription sub, String context) throws StripeUnavailableException {
        learnExpanded(sub);
        List<String> warnings = new ArrayList<>();
        List<com.stripe.model.SubscriptionItem> stripeItems = sub.getItems() == null || sub.getItems().getData() == null
                ? List.of() : sub.getItems().getData();

        resolveDiscountIds(sub, stripeItems);

        List<ItemTerms> items = new ArrayList<>();
        for (com.stripe.model.SubscriptionItem item : stripeItems) {
            PriceTerms price = item.getPrice() == null ? missingPrice(item) : withTiers(StripeTerms.price(item.getPrice()));
            long quantity = item.getQuantity() != null ? item.getQuantity() : price.metered() ? 0 : 1;
            items.add(new ItemTerms(item.getId(), quantity, price,
                    coupons(ids(item.getDiscounts()), "item " + item.getId() + " of " + sub.getId(), warnings)));
        }
        List<CouponTerms> subscriptionCoupons = coupons(ids(sub.getDiscounts()), "subscription " + sub.getId(), warnings);

        MonthlyValue.Result values = MonthlyValue.of(sub.getCurrency(), items, subscriptionCoupons);
        warnings.addAll(values.warnings());
        List<SubscriptionItem> published = new ArrayList<>();
        for (MonthlyValue.ItemValue value : values.items()) {
            PriceTerms price = value.item().price();
            published.add(new SubscriptionItem(value.item().itemId(), price.priceId(), price.productId(),
                    value.item().quantity(), price.interval(), price.intervalCount(), price.usageType(),
                    price.tiered() ? null : price.unitAmountDecimal(), value.beforeDiscounts(), value.value()));
        }
        for (String warning : warnings) {
            LOG.warnf("%s, subscription %s: %s", LogText.of(context), LogText.of(sub.getId()), LogText.of(warning));
        }
        SubscriptionSnapshot snapshot = new SubscriptionSnapshot(sub.getId(), sub.getCustomer(), sub.getStatus(),
                sub.getCurrency(), Boolean.TRUE.equals(sub.getCancelAtPeriodEnd()), instant(sub.getCancelAt()),
                instant(sub.getCanceledAt()), sub.getPauseCollection() != null, published);
        return new Normalized(snapshot, List.copyOf(warnings));
    }

    private void learnExpanded(Subscription sub) {
        expanded(sub.getDiscountObjects()).forEach(cache::learn);
        if (sub.getItems() != null && sub.getItems().getData() != null) {
            sub.getItems().getData().forEach(item -> expanded(item.getDiscountObjects()).forEach(cache::learn));
        }
    }

    /** Discount ids the cache does not know: ask Stripe once for the subscription with its discounts expanded. */
    private void resolveDiscountIds(Subscription sub, List<com.stripe.model.SubscriptionItem> items)
            throws StripeUnavailableException {
        Set<String> ids = new LinkedHashSet<>(ids(sub.getDiscounts()));
        items.forEach(item -> ids.addAll(ids(item.getDiscounts())));
        boolean unknown = ids.stream().anyMatch(id -> cache.couponOfDiscount(id).isEmpty());
        if (unknown && api.available() && sub.getId() != null) {
            Optional<Subscription> current = api.subscription(sub.getId());
            current.ifPresent(this::learnExpanded);
        }
    }

    private List<CouponTerms> coupons(List<String> discountIds, String where, List<String> warnings)
            throws StripeUnavailableException {
        List<CouponTerms> coupons = new ArrayList<>();
        for (String discountId : discountIds) {
            Optional<String> couponId = cache.couponOfDiscount(discountId);
            if (couponId.isEmpty()) {
                warnings.add("discount " + discountId + " on " + where + " counted as no discount: its coupon is not known"
                        + (api.available() ? " (not on the subscription Stripe returns now)"
                                : " (no STRIPE_API_KEY to look it up; a customer.discount.created event teaches it)"));
                continue;
            }
            Optional<CouponTerms> coupon = cache.coupon(couponId.get());
            if (coupon.isEmpty() && api.available()) {
                api.coupon(couponId.get()).ifPresent(cache::learn);
                coupon = cache.coupon(couponId.get());
            }
            if (coupon.isEmpty()) {
                warnings.add("discount " + discountId + " on " + where + " counted as no discount: coupon "
                        + couponId.get() + " is not known" + (api.available() ? " to Stripe"
                                : " (no STRIPE_API_KEY to look it up; a coupon.created/updated event teaches it)"));
                continue;
            }
            coupons.add(coupon.get());
        }
        return coupons;
    }

    private PriceTerms withTiers(PriceTerms price) throws StripeUnavailableException {
        if (!price.tiered() || price.tiers() != null) {
            if (price.tiered()) {
                cache.learnTiers(price.priceId(), new StripeObjectCache.TieredPrice(price.tiersMode(), price.tiers()));
            }
            return price;
        }
        Optional<StripeObjectCache.TieredPrice> known = cache.tiers(price.priceId());
        if (known.isEmpty() && api.available()) {
            Optional<Price> fetched = api.priceWithTiers(price.priceId());
            if (fetched.isPresent() && StripeTerms.tiers(fetched.get()) != null) {
                cache.learnTiers(price.priceId(), new StripeObjectCache.TieredPrice(fetched.get().getTiersMode(),
                        StripeTerms.tiers(fetched.get())));
                known = cache.tiers(price.priceId());
            }
        }
        return known.map(t -> price.withTiers(t.mode() != null ? t.mode() : price.tiersMode(), t.tiers())).orElse(price);
    }

    private static PriceTerms missingPrice(com.stripe.model.SubscriptionItem item) {
        return new PriceTerms(null, null, null, 1, PriceTerms.LICENSED, "per_unit", null, null, null, null, null, null);
    }

    private static List<String> ids(List<String> ids) {
        return ids == null ? List.of() : ids.stream().filter(id -> id != null && !id.isBlank()).toList();
    }

    private static List<Discount> expanded(List<Discount> discounts) {
        return discounts == null ? List.of() : discounts.stream().filter(d -> d != null).toList();
    }

    private static Instant instant(Long epochSecond) {
        return epochSecond == null ? null : Instant.ofEpochSecond(epochSecond);
    }
}
