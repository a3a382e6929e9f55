package io.growthmetrics.revenue.domain;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of stripe-mrr.md §1.6 items 3–7 and 9, one by one. */
class MonthlyValueTest {

    private static final String USD = "usd";

    private static ItemTerms item(String id, String product, String interval, long count, String unit, long quantity,
            CouponTerms... discounts) {
        return new ItemTerms(id, quantity, PriceTerms.perUnit("price_" + id, product, interval, count, new BigDecimal(unit)),
                List.of(discounts));
    }

    private static MonthlyValue.Result of(List<ItemTerms> items, CouponTerms... subscriptionDiscounts) {
        return MonthlyValue.of(USD, items, List.of(subscriptionDiscounts));
    }

    private static BigDecimal single(ItemTerms item, CouponTerms... subscriptionDiscounts) {
        return of(List.of(item), subscriptionDiscounts).items().get(0).value();
    }

    @Nested
    class Normalization {

        @ParameterizedTest(name = "{0} × {1} at {2} × {3} → {4} a month")
        @CsvSource({
                // interval, count, unit amount, quantity, monthly
                "month, 1, 1500, 1, 1500",
                "month, 1, 1500, 3, 4500",
                "month, 3, 9000, 1, 3000",          // quarterly = month × 3
                "month, 6, 9000, 2, 3000",
                "year, 1, 15000, 1, 1250",
                "year, 1, 60000, 1, 5000",          // Stripe's own example: 600 a year = 50 a month
                "year, 2, 24000, 1, 1000",
                "week, 1, 1200, 1, 5200",           // × 52/12
                "week, 2, 1200, 1, 2600",
                "day, 1, 100, 1, 3041.666666666666666666666666666667",  // × 365/12, 34 significant digits
                "day, 1, 120, 1, 3650",
                "month, 1, 0.5, 3, 1.5",            // sub-cent unit_amount_decimal
                "month, 1, 1500, 0, 0",
        })
        void perItemValueIsPriceTimesQuantityPerMonth(String interval, long count, String unit, long quantity,
                String monthly) {
            MonthlyValue.ItemValue value = of(List.of(item("si", "prod_starter", interval, count, unit, quantity)))
                    .items().get(0);
            assertEquals(new BigDecimal(monthly), value.beforeDiscounts());
            assertEquals(new BigDecimal(monthly), value.value());
        }

        @Test
        void nonTerminatingDivisionsKeep34SignificantDigitsAndAreNotRoundedToCents() {
            BigDecimal weekly = single(item("si", "p", "week", 1, "2900", 1));
            assertEquals(new BigDecimal("12566.66666666666666666666666666667"), weekly);
            assertEquals(34, weekly.precision());
            BigDecimal thirds = single(item("si", "p", "month", 3, "1000", 1));
            assertEquals(new BigDecimal("333.3333333333333333333333333333333"), thirds);
        }

        @Test
        void resultsAreInPlainNotationWithoutTrailingZeros() {
            BigDecimal value = single(item("si", "p", "month", 1, "2900", 100));
            assertEquals("290000", value.toPlainString());
            assertEquals("290000", value.toString(), "no exponent on the wire");
            assertEquals("2175", single(item("si", "p", "month", 1, "2900", 1), CouponTerms.percent("c", "forever", "25"))
                    .toString());
        }

        @Test
        void meteredPricesAreWorthZero() {
            PriceTerms metered = new PriceTerms("price_m", "prod_pro", "month", 1, PriceTerms.METERED, "per_unit",
                    new BigDecimal("10"), null, null, null, null, "exclusive");
            MonthlyValue.ItemValue value = of(List.of(new ItemTerms("si", 500, metered, List.of()))).items().get(0);
            assertEquals(BigDecimal.ZERO, value.beforeDiscounts());
            assertEquals(BigDecimal.ZERO, value.value());
        }

        @Test
        void unknownIntervalOrMissingAmountCountZeroWithAWarning() {
            MonthlyValue.Result result = of(List.of(item("a", "p", "fortnight", 1, "100", 1),
                    new ItemTerms("b", 1, PriceTerms.perUnit("price_b", "p", "month", 1, null), List.of()),
                    item("c", "p", "month", 0, "100", 1)));
            result.items().forEach(v -> assertEquals(BigDecimal.ZERO, v.value()));
            assertEquals(3, result.warnings().size(), result.warnings().toString());
            assertTrue(result.warnings().get(0).contains("fortnight"));
        }

        @Test
        void taxInclusivePricesAreTakenAsIs() {
            PriceTerms inclusive = new PriceTerms("price_i", "p", "month", 1, PriceTerms.LICENSED, "per_unit",
                    new BigDecimal("1190"), null, null, null, null, "inclusive");
            assertEquals(new BigDecimal("1190"), single(new ItemTerms("si", 1, inclusive, List.of())));
        }
    }

    @Nested
    class TransformQuantity {

        private ItemTerms packs(long quantity, String round) {
            PriceTerms price = new PriceTerms("price_pack", "p", "month", 1, PriceTerms.LICENSED, "per_unit",
                    new BigDecimal("1000"), null, null, 10L, round, "exclusive");
            return new ItemTerms("si", quantity, price, List.of());
        }

        @ParameterizedTest
        @CsvSource({"25, up, 3000", "25, down, 2000", "30, up, 3000", "30, down, 3000", "1, up, 1000", "1, down, 0",
                "0, up, 0"})
        void quantityIsDividedAndRounded(long quantity, String round, String monthly) {
            assertEquals(new BigDecimal(monthly), single(packs(quantity, round)));
        }
    }

    @Nested
    class Tiered {

        private final List<Tier> tiers = List.of(
                new Tier(5L, new BigDecimal("1000"), null),
                new Tier(10L, new BigDecimal("800"), new BigDecimal("500")),
                new Tier(null, new BigDecimal("500"), new BigDecimal("100")));

        private ItemTerms tiered(String mode, List<Tier> knownTiers, long quantity, String interval) {
            PriceTerms price = new PriceTerms("price_t", "p", interval, 1, PriceTerms.LICENSED, PriceTerms.TIERED, null,
                    mode, knownTiers, null, null, "exclusive");
            return new ItemTerms("si", quantity, price, List.of());
        }

        @ParameterizedTest
        @CsvSource({
                "0, 0",
                "3, 3000",              // 3 × 1000
                "5, 5000",
                "6, 6300",              // 5000 + 1 × 800 + 500
                "10, 9500",             // 5000 + 5 × 800 + 500
                "12, 10600",            // 9500 + 2 × 500 + 100
        })
        void graduatedSumsEachTier(long quantity, String monthly) {
            assertEquals(new BigDecimal(monthly), single(tiered(PriceTerms.GRADUATED, tiers, quantity, "month")));
        }

        @ParameterizedTest
        @CsvSource({
                "0, 0",
                "3, 3000",              // tier 1 for all
                "5, 5000",
                "6, 5300",              // 6 × 800 + 500
                "10, 8500",
                "12, 6100",             // 12 × 500 + 100
        })
        void volumeAppliesTheReachedTierToAllUnits(long quantity, String monthly) {
            assertEquals(new BigDecimal(monthly), single(tiered(PriceTerms.VOLUME, tiers, quantity, "month")));
        }

        @Test
        void tiersInAnyOrderAndYearlyTiersNormalize() {
            List<Tier> shuffled = List.of(tiers.get(2), tiers.get(0), tiers.get(1));
            assertEquals(new BigDecimal("6300"), single(tiered(PriceTerms.GRADUATED, shuffled, 6, "month")));
            // 6 × 800 + 500 = 5300 a year
            assertEquals(new BigDecimal("441.6666666666666666666666666666667"),
                    single(tiered(PriceTerms.VOLUME, tiers, 6, "year")));
        }

        @Test
        void unknownTiersCountZeroWithAWarning() {
            MonthlyValue.Result result = of(List.of(tiered(PriceTerms.GRADUATED, null, 6, "month")));
            assertEquals(BigDecimal.ZERO, result.items().get(0).value());
            assertTrue(result.warnings().get(0).contains("tiers are not known"), result.warnings().toString());
        }
    }

    @Nested
    class Discounts {

        private final CouponTerms forever25 = CouponTerms.percent("co_25", "forever", "25");
        private final CouponTerms forever12half = CouponTerms.percent("co_125", "forever", "12.5");

        @Test
        void foreverPercentCouponsMultiply() {
            MonthlyValue.ItemValue value = of(List.of(item("si", "p", "month", 1, "2900", 2)), forever25).items().get(0);
            assertEquals(new BigDecimal("5800"), value.beforeDiscounts());
            assertEquals(new BigDecimal("4350"), value.value());
            assertEquals(new BigDecimal("5075"), single(item("si", "p", "month", 1, "2900", 2), forever12half));
            assertEquals(new BigDecimal("3262.5"), single(item("si", "p", "month", 1, "2900", 2), forever25, forever25));
        }

        @Test
        void onceAndRepeatingCouponsDoNotChangeMrr() {
            ItemTerms item = item("si", "p", "month", 1, "2900", 1);
            assertEquals(new BigDecimal("2900"), single(item, CouponTerms.percent("c1", "once", "50"),
                    CouponTerms.percent("c2", "repeating", "50"), CouponTerms.amount("c3", "repeating", 1000, USD)));
            assertEquals(new BigDecimal("2900"), single(item("si", "p", "month", 1, "2900", 1,
                    CouponTerms.percent("c1", "once", "50"), CouponTerms.amount("c3", "repeating", 1000, USD))));
        }

        @Test
        void aHundredPercentCouponMakesItFree() {
            assertEquals(BigDecimal.ZERO, single(item("si", "p", "month", 1, "2900", 1),
                    CouponTerms.percent("free", "forever", "100")));
        }

        @Test
        void foreverAmountOffIsPerInvoiceSpreadOverTheMonths() {
            CouponTerms tenDollars = CouponTerms.amount("co_10", "forever", 1000, USD);
            assertEquals(new BigDecimal("1900"), single(item("si", "p", "month", 1, "2900", 1), tenDollars));
            // yearly: 1000 off a 29000 invoice = 1000/12 a month off 29000/12
            assertEquals(new BigDecimal("2333.333333333333333333333333333333"),
                    single(item("si", "p", "year", 1, "29000", 1), tenDollars));
            // quarterly: (9000 − 1000) / 3
            assertEquals(new BigDecimal("2666.666666666666666666666666666667"),
                    single(item("si", "p", "month", 3, "9000", 1), tenDollars));
        }

        @Test
        void subscriptionAmountOffIsAllocatedInProportionToItemValues() {
            ItemTerms plan = item("plan", "prod_pro", "month", 1, "30000", 1);
            ItemTerms addOn = item("addon", "prod_pro_small", "month", 1, "5000", 2);
            MonthlyValue.Result result = of(List.of(plan, addOn), CouponTerms.amount("co_40", "forever", 4000, USD));
            // 40000 in all, 4000 off: 10 % of each
            assertEquals(new BigDecimal("27000"), result.items().get(0).value());
            assertEquals(new BigDecimal("9000"), result.items().get(1).value());
        }

        @Test
        void amountOffNeverTakesAValueBelowZero() {
            ItemTerms a = item("a", "p", "month", 1, "1000", 1);
            ItemTerms b = item("b", "p", "month", 1, "3000", 1);
            MonthlyValue.Result result = of(List.of(a, b), CouponTerms.amount("big", "forever", 10_000, USD));
            result.items().forEach(v -> assertEquals(BigDecimal.ZERO, v.value()));
            assertEquals(BigDecimal.ZERO, single(item("x", "p", "month", 1, "500", 1,
                    CouponTerms.amount("big", "forever", 1000, USD))));
        }

        @Test
        void itemDiscountsComeBeforeSubscriptionDiscounts() {
            // item: 10000 − 2000 (item amount) = 8000, then 50 % (subscription) = 4000.
            // The other way round it would be 3000.
            ItemTerms discounted = item("a", "p", "month", 1, "10000", 1, CouponTerms.amount("item", "forever", 2000, USD));
            assertEquals(new BigDecimal("4000"), single(discounted, CouponTerms.percent("sub", "forever", "50")));

            // A subscription amount is allocated by the values after the item discounts: 8000 : 2000.
            ItemTerms other = item("b", "p", "month", 1, "2000", 1);
            MonthlyValue.Result result = of(List.of(discounted, other), CouponTerms.amount("sub", "forever", 1000, USD));
            assertEquals(new BigDecimal("7200"), result.items().get(0).value());
            assertEquals(new BigDecimal("1800"), result.items().get(1).value());
        }

        @Test
        void anItemsAmountOffAppliesToThatItemOnly() {
            ItemTerms discounted = item("a", "p", "month", 1, "10000", 1, CouponTerms.amount("item", "forever", 2000, USD));
            ItemTerms other = item("b", "p", "month", 1, "2000", 1);
            MonthlyValue.Result result = of(List.of(discounted, other));
            assertEquals(new BigDecimal("8000"), result.items().get(0).value());
            assertEquals(new BigDecimal("2000"), result.items().get(1).value());
            assertEquals(new BigDecimal("10000"), result.items().get(0).beforeDiscounts());
        }

        @Test
        void appliesToProductsLimitsTheItems() {
            CouponTerms proOnly = CouponTerms.percent("pro50", "forever", "50").onlyFor(Set.of("prod_pro"));
            ItemTerms plan = item("plan", "prod_pro", "month", 1, "30000", 1);
            ItemTerms addOn = item("addon", "prod_pro_small", "month", 1, "5000", 1);
            MonthlyValue.Result result = of(List.of(plan, addOn), proOnly);
            assertEquals(new BigDecimal("15000"), result.items().get(0).value());
            assertEquals(new BigDecimal("5000"), result.items().get(1).value());

            CouponTerms amountProOnly = CouponTerms.amount("pro10", "forever", 1000, USD).onlyFor(Set.of("prod_pro"));
            result = of(List.of(plan, addOn), amountProOnly);
            assertEquals(new BigDecimal("29000"), result.items().get(0).value());
            assertEquals(new BigDecimal("5000"), result.items().get(1).value());

            // An item coupon for another product does nothing.
            assertEquals(new BigDecimal("5000"), single(item("addon", "prod_pro_small", "month", 1, "5000", 1, proOnly)));
        }

        @Test
        void meteredItemsTakeNoShareOfAnAmountOff() {
            PriceTerms metered = new PriceTerms("price_m", "p", "month", 1, PriceTerms.METERED, "per_unit",
                    new BigDecimal("10"), null, null, null, null, "exclusive");
            ItemTerms usage = new ItemTerms("m", 0, metered, List.of());
            ItemTerms plan = item("plan", "p", "month", 1, "5000", 1);
            MonthlyValue.Result result = of(List.of(usage, plan), CouponTerms.amount("c", "forever", 1000, USD));
            assertEquals(BigDecimal.ZERO, result.items().get(0).value());
            assertEquals(new BigDecimal("4000"), result.items().get(1).value());
        }

        @Test
        void amountOffInAnotherCurrencyUsesCurrencyOptionsOrIsSkippedWithAWarning() {
            CouponTerms multi = new CouponTerms("multi", "forever", null, 1000L, "usd",
                    java.util.Map.of("eur", 900L), null);
            ItemTerms plan = item("plan", "p", "month", 1, "5000", 1);
            assertEquals(new BigDecimal("4100"), MonthlyValue.of("eur", List.of(plan), List.of(multi)).items().get(0).value());
            assertEquals(new BigDecimal("4000"), MonthlyValue.of("USD", List.of(plan), List.of(multi)).items().get(0).value());
            MonthlyValue.Result gbp = MonthlyValue.of("gbp", List.of(plan), List.of(multi));
            assertEquals(new BigDecimal("5000"), gbp.items().get(0).value());
            assertTrue(gbp.warnings().get(0).contains("no amount_off in gbp"), gbp.warnings().toString());
        }

        @Test
        void itemsOnDifferentIntervalsShareAnAmountOffByTheirMonthlyValues() {
            ItemTerms monthly = item("m", "p", "month", 1, "3000", 1);   // 3000 a month
            ItemTerms yearly = item("y", "q", "year", 1, "12000", 1);    // 1000 a month
            MonthlyValue.Result result = of(List.of(monthly, yearly), CouponTerms.amount("c", "forever", 400, USD));
            // 300 of each invoice on the monthly item, 100 on the yearly one (100/12 a month)
            assertEquals(new BigDecimal("2700"), result.items().get(0).value());
            assertEquals(new BigDecimal("991.6666666666666666666666666666667"), result.items().get(1).value());
        }

        @Test
        void yearlySubscriptionAmountOffIsSpreadAndAllocated() {
            ItemTerms plan = item("plan", "p", "year", 1, "120000", 1);   // 10000 a month
            ItemTerms addOn = item("addon", "q", "year", 1, "60000", 1);  // 5000 a month
            MonthlyValue.Result result = of(List.of(plan, addOn), CouponTerms.amount("c", "forever", 18000, USD));
            // 18000 a year = 1500 a month, split 2:1
            assertEquals(new BigDecimal("9000"), result.items().get(0).value());
            assertEquals(new BigDecimal("4500"), result.items().get(1).value());
        }
    }
}
