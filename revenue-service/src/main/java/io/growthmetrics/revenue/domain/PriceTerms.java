package io.growthmetrics.revenue.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * What of a Stripe price decides an item's value.
 *
 * @param billingScheme      {@code per_unit} or {@code tiered}
 * @param unitAmountDecimal  per unit, in minor units, for per_unit prices
 * @param tiersMode          {@code graduated} or {@code volume}, for tiered prices
 * @param tiers              the tiers, or null when not known (webhook payloads never carry them)
 * @param transformDivideBy  {@code transform_quantity.divide_by}, or null
 * @param transformRound     {@code up} or {@code down}
 * @param taxBehavior        {@code exclusive}, {@code inclusive} or {@code unspecified}: the amount is taken as is
 */
public record PriceTerms(
        String priceId,
        String productId,
        String interval,
        long intervalCount,
        String usageType,
        String billingScheme,
        BigDecimal unitAmountDecimal,
        String tiersMode,
        List<Tier> tiers,
        Long transformDivideBy,
        String transformRound,
        String taxBehavior) {

    public static final String METERED = "metered";
    public static final String LICENSED = "licensed";
    public static final String TIERED = "tiered";
    public static final String VOLUME = "volume";
    public static final String GRADUATED = "graduated";

    public PriceTerms {
        tiers = tiers == null ? null : List.copyOf(tiers);
    }

    /** A plain licensed per-unit price. */
    public static PriceTerms perUnit(String priceId, String productId, String interval, long intervalCount,
            BigDecimal unitAmountDecimal) {
        return new PriceTerms(priceId, productId, interval, intervalCount, LICENSED, "per_unit", unitAmountDecimal,
                null, null, null, null, "exclusive");
    }

    public boolean metered() {
        return METERED.equals(usageType);
    }

    public boolean tiered() {
        return TIERED.equals(billingScheme);
    }

    public PriceTerms withTiers(String mode, List<Tier> knownTiers) {
        return new PriceTerms(priceId, productId, interval, intervalCount, usageType, billingScheme, unitAmountDecimal,
                mode, knownTiers, transformDivideBy, transformRound, taxBehavior);
    }
}
