package io.growthmetrics.revenue.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The monthly value of a subscription's items, in minor units of its currency, exact (stripe-mrr.md §1.6, items 3–7
 * and 9):
 * <ol>
 *   <li>per item, {@code unit_amount_decimal × quantity} (quantity after {@code transform_quantity}: divided by
 *       {@code divide_by}, rounded up or down), or for tiered prices the graduated sum (each tier's units × its unit
 *       amount, plus its flat amount) or the volume amount (the reached tier's unit amount for all units, plus its
 *       flat amount); a quantity of 0 is worth 0;</li>
 *   <li>normalized to a month by {@link Interval}; metered prices ({@code usage_type=metered}) are worth 0, and so are
 *       tiered prices whose tiers are not known (with a warning);</li>
 *   <li>then discounts, item-level ones first (in their order), then the subscription's (in their order), only
 *       coupons with {@code duration=forever}: {@code percent_off} multiplies; {@code amount_off} is taken off each
 *       invoice, so it is spread over a month (÷ the interval in months) — an item's own on that item, a
 *       subscription's allocated across the items it applies to in proportion to their value at that point;
 *       {@code applies_to.products} limits the items; a value never goes below 0;</li>
 *   <li>tax is not modelled: the price's amount is taken as is, also for {@code tax_behavior=inclusive} prices (the
 *       tax inside them cannot be known from the subscription alone).</li>
 * </ol>
 * Divisions that do not terminate keep 34 significant digits; nothing is rounded to cents.
 */
public final class MonthlyValue {

    /** An item's value per month before and after its discounts. */
    public record ItemValue(ItemTerms item, BigDecimal beforeDiscounts, BigDecimal value) {
    }

    /** The items' values, in input order, and what could not be taken into account. */
    public record Result(List<ItemValue> items, List<String> warnings) {
    }

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private MonthlyValue() {
    }

    public static Result of(String currency, List<ItemTerms> items, List<CouponTerms> subscriptionDiscounts) {
        List<String> warnings = new ArrayList<>();
        int n = items.size();
        // Amounts per billing period of each item (= per invoice), normalized to a month only at the end: an
        // amount_off per invoice then comes off exactly, and only the final division can leave a fraction.
        BigDecimal[] before = new BigDecimal[n];
        BigDecimal[] value = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
            before[i] = perPeriodBeforeDiscounts(items.get(i), warnings);
            value[i] = before[i];
        }
        // Item-level discounts first: each applies to its own item only.
        for (int i = 0; i < n; i++) {
            ItemTerms item = items.get(i);
            for (CouponTerms coupon : item.discounts()) {
                if (!counts(coupon) || !coupon.appliesTo(item.price().productId()) || value[i].signum() == 0) {
                    continue;
                }
                if (coupon.percentOff() != null) {
                    value[i] = percentOff(value[i], coupon.percentOff());
                } else {
                    Long amount = amountOff(coupon, currency, warnings);
                    if (amount != null) {
                        value[i] = Amounts.atLeastZero(value[i].subtract(BigDecimal.valueOf(amount)));
                    }
                }
            }
        }
        // Then the subscription's, over the items they apply to.
        for (CouponTerms coupon : subscriptionDiscounts == null ? List.<CouponTerms>of() : subscriptionDiscounts) {
            if (!counts(coupon)) {
                continue;
            }
            List<Integer> eligible = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (value[i].signum() > 0 && coupon.appliesTo(items.get(i).price().productId())) {
                    eligible.add(i);
                }
            }
            if (eligible.isEmpty()) {
                continue;
            }
            if (coupon.percentOff() != null) {
                for (int i : eligible) {
                    value[i] = percentOff(value[i], coupon.percentOff());
                }
                continue;
            }
            Long amount = amountOff(coupon, currency, warnings);
            if (amount == null) {
                continue;
            }
            // Item i carries amount × value_i / Σ value of each invoice. Items billed alike (the usual case: Stripe
            // bills a subscription's items together) are weighed by their amounts per period, exactly; items on
            // different intervals by their amounts per month.
            boolean alike = eligible.stream().map(i -> items.get(i).price().interval() + "/"
                    + items.get(i).price().intervalCount()).distinct().count() == 1;
            BigDecimal[] weight = new BigDecimal[n];
            BigDecimal sum = BigDecimal.ZERO;
            for (int i : eligible) {
                weight[i] = alike ? value[i] : perMonth(items.get(i), value[i]);
                sum = sum.add(weight[i]);
            }
            BigDecimal[] reductions = new BigDecimal[n];
            for (int i : eligible) {
                reductions[i] = Amounts.divide(BigDecimal.valueOf(amount).multiply(weight[i]), sum);
            }
            for (int i : eligible) {
                value[i] = Amounts.atLeastZero(value[i].subtract(reductions[i]));
            }
        }
        List<ItemValue> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ItemTerms item = items.get(i);
            result.add(new ItemValue(item, normalize(perMonth(item, before[i])), normalize(perMonth(item, value[i]))));
        }
        return new Result(List.copyOf(result), List.copyOf(warnings));
    }

    private static BigDecimal perMonth(ItemTerms item, BigDecimal perPeriod) {
        if (perPeriod.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return Interval.of(item.price().interval()).perMonth(perPeriod, item.price().intervalCount());
    }

    /** One item's value per month before any discount. */
    static BigDecimal beforeDiscounts(ItemTerms item, List<String> warnings) {
        return normalize(perMonth(item, perPeriodBeforeDiscounts(item, warnings)));
    }

    /** One item's value per billing period before any discount; 0 when it cannot be valued (with a warning). */
    private static BigDecimal perPeriodBeforeDiscounts(ItemTerms item, List<String> warnings) {
        PriceTerms price = item.price();
        if (price.metered()) {
            return BigDecimal.ZERO;
        }
        try {
            Interval.of(price.interval());
            if (price.intervalCount() < 1) {
                throw new IllegalArgumentException("interval_count must be at least 1, got " + price.intervalCount());
            }
        } catch (IllegalArgumentException e) {
            warnings.add("Item " + item.itemId() + " (price " + price.priceId() + ") counted as 0: " + e.getMessage());
            return BigDecimal.ZERO;
        }
        long quantity = Math.max(0, item.quantity());
        BigDecimal perPeriod;
        if (price.tiered()) {
            if (price.tiers() == null || price.tiers().isEmpty()) {
                warnings.add("Item " + item.itemId() + " (price " + price.priceId()
                        + ") counted as 0: the price is tiered and its tiers are not known (they need the Stripe API)");
                return BigDecimal.ZERO;
            }
            perPeriod = PriceTerms.VOLUME.equals(price.tiersMode()) ? volume(price.tiers(), quantity)
                    : graduated(price.tiers(), quantity);
        } else {
            if (price.unitAmountDecimal() == null) {
                warnings.add("Item " + item.itemId() + " (price " + price.priceId() + ") counted as 0: no unit amount");
                return BigDecimal.ZERO;
            }
            perPeriod = price.unitAmountDecimal().multiply(BigDecimal.valueOf(transform(quantity, price)));
        }
        return perPeriod;
    }

    static long transform(long quantity, PriceTerms price) {
        Long divideBy = price.transformDivideBy();
        if (divideBy == null || divideBy <= 1) {
            return quantity;
        }
        return "up".equals(price.transformRound()) ? Math.floorDiv(quantity + divideBy - 1, divideBy)
                : Math.floorDiv(quantity, divideBy);
    }

    static BigDecimal graduated(List<Tier> tiers, long quantity) {
        BigDecimal total = BigDecimal.ZERO;
        long previousUpTo = 0;
        for (Tier tier : sorted(tiers)) {
            if (quantity <= previousUpTo) {
                break;
            }
            long last = tier.upTo() == null ? quantity : Math.min(quantity, tier.upTo());
            long units = last - previousUpTo;
            if (units > 0) {
                total = total.add(tier.unit().multiply(BigDecimal.valueOf(units))).add(tier.flat());
            }
            if (tier.upTo() == null) {
                break;
            }
            previousUpTo = tier.upTo();
        }
        return total;
    }

    static BigDecimal volume(List<Tier> tiers, long quantity) {
        if (quantity == 0) {
            return BigDecimal.ZERO;
        }
        List<Tier> ordered = sorted(tiers);
        Tier reached = ordered.get(ordered.size() - 1);
        for (Tier tier : ordered) {
            if (tier.upTo() == null || quantity <= tier.upTo()) {
                reached = tier;
                break;
            }
        }
        return reached.unit().multiply(BigDecimal.valueOf(quantity)).add(reached.flat());
    }

    private static List<Tier> sorted(List<Tier> tiers) {
        List<Tier> ordered = new ArrayList<>(tiers);
        ordered.sort(Comparator.comparing(Tier::upTo, Comparator.nullsLast(Comparator.naturalOrder())));
        return ordered;
    }

    private static boolean counts(CouponTerms coupon) {
        return coupon != null && coupon.forever() && (coupon.percentOff() != null || coupon.amountOff() != null);
    }

    private static BigDecimal percentOff(BigDecimal value, BigDecimal percent) {
        BigDecimal kept = HUNDRED.subtract(percent.min(HUNDRED).max(BigDecimal.ZERO));
        return value.multiply(kept).movePointLeft(2);
    }

    private static Long amountOff(CouponTerms coupon, String currency, List<String> warnings) {
        Long amount = coupon.amountOffIn(currency);
        if (amount == null) {
            warnings.add("Coupon " + coupon.id() + " has no amount_off in " + currency + "; not applied");
        }
        return amount;
    }

    /** Same value, shortest plain form: 2175.00 → 2175, 2.9E+3 → 2900. */
    static BigDecimal normalize(BigDecimal value) {
        return Amounts.plain(value.stripTrailingZeros());
    }
}
