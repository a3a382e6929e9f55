package io.growthmetrics.revenue.stripe;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.stripe.model.Coupon;
import com.stripe.model.Discount;
import com.stripe.model.Subscription;
import com.stripe.net.ApiResource;
import io.growthmetrics.contracts.revenue.SubscriptionItem;
import io.growthmetrics.contracts.revenue.SubscriptionSnapshot;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static io.growthmetrics.revenue.support.StripeJson.amountCoupon;
import static io.growthmetrics.revenue.support.StripeJson.discount;
import static io.growthmetrics.revenue.support.StripeJson.percentCoupon;
import static io.growthmetrics.revenue.support.StripeJson.price;
import static io.growthmetrics.revenue.support.StripeJson.subscription;
import static io.growthmetrics.revenue.support.StripeJson.tieredPrice;
import static io.growthmetrics.revenue.support.StripeJson.withTiers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stripe subscriptions in the dahlia shape → normalized snapshots, with and without the API at hand. */
class SubscriptionNormalizerTest {

    private final StripeObjectCache cache = new StripeObjectCache();

    private static Subscription parse(JsonObject json) {
        return ApiResource.GSON.fromJson(json, Subscription.class);
    }

    private static BigDecimal value(SubscriptionSnapshot snapshot, int item) {
        return snapshot.items().get(item).monthlyValue();
    }

    @Test
    void everyItemIsNormalizedWithItsPriceFields() throws Exception {
        JsonObject sub = subscription("sub_1", "cus_1")
                .item("si_plan", price("price_pro", "prod_pro", "month", 1, 30000), 1L)
                .item("si_small", price("price_small", "prod_pro_small", "month", 1, 1500), 3L)
                .item("si_usage", price("price_usage", "prod_pro", "usd", "month", 1, "metered", "0.5"), (Long) null)
                .item("si_support", price("price_support", "prod_support_plan", "month", 1, 5000), 1L)
                .build();
        SubscriptionNormalizer.Normalized normalized = new SubscriptionNormalizer(cache, StripeApi.NONE)
                .normalize(parse(sub), "test");
        SubscriptionSnapshot snapshot = normalized.snapshot();
        assertEquals("sub_1", snapshot.id());
        assertEquals("cus_1", snapshot.customerId());
        assertEquals("active", snapshot.status());
        assertEquals("usd", snapshot.currency());
        assertFalse(snapshot.cancelAtPeriodEnd());
        assertNull(snapshot.cancelAt());
        assertFalse(snapshot.collectionPaused());
        assertEquals(List.of(
                new SubscriptionItem("si_plan", "price_pro", "prod_pro", 1, "month", 1, "licensed",
                        new BigDecimal("30000"), new BigDecimal("30000"), new BigDecimal("30000")),
                new SubscriptionItem("si_small", "price_small", "prod_pro_small", 3, "month", 1, "licensed",
                        new BigDecimal("1500"), new BigDecimal("4500"), new BigDecimal("4500")),
                new SubscriptionItem("si_usage", "price_usage", "prod_pro", 0, "month", 1, "metered",
                        new BigDecimal("0.5"), BigDecimal.ZERO, BigDecimal.ZERO),
                new SubscriptionItem("si_support", "price_support", "prod_support_plan", 1, "month", 1, "licensed",
                        new BigDecimal("5000"), new BigDecimal("5000"), new BigDecimal("5000"))),
                snapshot.items());
        assertEquals(List.of(), normalized.warnings());
    }

    @Test
    void cancellationAndPauseAreCarried() throws Exception {
        SubscriptionSnapshot snapshot = new SubscriptionNormalizer(cache, StripeApi.NONE).normalize(parse(
                subscription("sub_1", "cus_1").cancelAtPeriodEnd(1764547200L, 1763000000L).pauseCollection("void")
                        .item("si", price("p", "prod_starter", "month", 1, 1500), 1L).build()), "test").snapshot();
        assertTrue(snapshot.cancelAtPeriodEnd());
        assertEquals(Instant.ofEpochSecond(1764547200L), snapshot.cancelAt());
        assertEquals(Instant.ofEpochSecond(1763000000L), snapshot.canceledAt());
        assertTrue(snapshot.collectionPaused());
        assertEquals(new BigDecimal("1500"), value(snapshot, 0), "the value is the price's; status rules are the consumer's");
    }

    @Test
    void discountIdsWithoutAnythingToResolveThemCountAsNoDiscountWithAWarning() throws Exception {
        JsonObject sub = subscription("sub_1", "cus_1").discounts("di_unknown")
                .item("si", price("p", "prod_starter", "month", 1, 1500), 1L).build();
        SubscriptionNormalizer.Normalized normalized = new SubscriptionNormalizer(cache, StripeApi.NONE)
                .normalize(parse(sub), "test");
        assertEquals(new BigDecimal("1500"), value(normalized.snapshot(), 0));
        assertEquals(1, normalized.warnings().size());
        assertTrue(normalized.warnings().get(0).contains("discount di_unknown on subscription sub_1 counted as no discount"),
                normalized.warnings().get(0));
    }

    @Test
    void discountsAndCouponsLearnedFromEventsAreApplied() throws Exception {
        cache.learn(ApiResource.GSON.fromJson(percentCoupon("co_half", "forever", 50), Coupon.class));
        cache.learn(ApiResource.GSON.fromJson(amountCoupon("co_5", "forever", 500, "usd"), Coupon.class));
        cache.learn(ApiResource.GSON.fromJson(discount("di_sub", new JsonPrimitive("co_half"), "cus_1", "sub_1", null),
                Discount.class));
        cache.learn(ApiResource.GSON.fromJson(discount("di_item", new JsonPrimitive("co_5"), "cus_1", "sub_1", "si_a"),
                Discount.class));
        JsonObject sub = subscription("sub_1", "cus_1").discounts("di_sub")
                .item("si_a", price("pa", "prod_starter", "month", 1, 1500), 1L, new JsonPrimitive("di_item"))
                .item("si_b", price("pb", "prod_starter_small", "month", 1, 1000), 2L).build();
        SubscriptionNormalizer.Normalized normalized = new SubscriptionNormalizer(cache, StripeApi.NONE)
                .normalize(parse(sub), "test");
        // a: (1500 − 500) × 50 %; b: 2000 × 50 %
        assertEquals(new BigDecimal("500"), value(normalized.snapshot(), 0));
        assertEquals(new BigDecimal("1500"), normalized.snapshot().items().get(0).monthlyValueBeforeDiscounts());
        assertEquals(new BigDecimal("1000"), value(normalized.snapshot(), 1));
        assertEquals(List.of(), normalized.warnings());
    }

    @Test
    void withTheApiUnknownDiscountsAreLearnedFromTheSubscriptionAndItsCoupons() throws Exception {
        FakeStripeApi api = new FakeStripeApi();
        // As GET /v1/subscriptions/sub_1?expand[]=discounts.source.coupon&expand[]=items.data.discounts answers:
        api.subscriptions.put("sub_1", subscription("sub_1", "cus_1")
                .discount(discount("di_sub", percentCoupon("co_20", "forever", 20), "cus_1", "sub_1", null))
                .item("si_a", price("pa", "prod_pro", "year", 1, 120000), 1L,
                        discount("di_item", new JsonPrimitive("co_12"), "cus_1", "sub_1", "si_a"))
                .build());
        api.coupons.put("co_12", amountCoupon("co_12", "forever", 12000, "usd"));
        JsonObject inEvent = subscription("sub_1", "cus_1").discounts("di_sub")
                .item("si_a", price("pa", "prod_pro", "year", 1, 120000), 1L, new JsonPrimitive("di_item")).build();

        SubscriptionNormalizer normalizer = new SubscriptionNormalizer(cache, api);
        SubscriptionNormalizer.Normalized normalized = normalizer.normalize(parse(inEvent), "test");
        // (120000 − 12000) × 80 % / 12
        assertEquals(new BigDecimal("7200"), value(normalized.snapshot(), 0));
        assertEquals(List.of("subscription sub_1", "coupon co_12"), api.calls);

        normalizer.normalize(parse(inEvent), "again");
        assertEquals(2, api.calls.size(), "learned once, then from the cache");
    }

    @Test
    void aDiscountNoLongerOnTheSubscriptionCountsAsNoDiscount() throws Exception {
        FakeStripeApi api = new FakeStripeApi();
        api.subscriptions.put("sub_1", subscription("sub_1", "cus_1")
                .item("si_a", price("pa", "prod_pro", "month", 1, 1000), 1L).build());
        JsonObject inEvent = subscription("sub_1", "cus_1").discounts("di_gone")
                .item("si_a", price("pa", "prod_pro", "month", 1, 1000), 1L).build();
        SubscriptionNormalizer.Normalized normalized = new SubscriptionNormalizer(cache, api).normalize(parse(inEvent), "t");
        assertEquals(new BigDecimal("1000"), value(normalized.snapshot(), 0));
        assertTrue(normalized.warnings().get(0).contains("di_gone"));
    }

    @Test
    void tieredPricesNeedTheirTiersFromTheApi() throws Exception {
        JsonObject webhookPrice = tieredPrice("price_tiered", "prod_pro_remote", "graduated");
        JsonObject sub = subscription("sub_1", "cus_1").item("si", webhookPrice, 12L).build();

        SubscriptionNormalizer.Normalized withoutApi = new SubscriptionNormalizer(cache, StripeApi.NONE)
                .normalize(parse(sub), "t");
        assertEquals(BigDecimal.ZERO, value(withoutApi.snapshot(), 0));
        assertNull(withoutApi.snapshot().items().get(0).unitAmountDecimal());
        assertTrue(withoutApi.warnings().get(0).contains("tiers are not known"), withoutApi.warnings().toString());

        FakeStripeApi api = new FakeStripeApi();
        api.prices.put("price_tiered", withTiers(webhookPrice, new long[][] {{10, 500, 0}, {-1, 400, 1000}}));
        SubscriptionNormalizer normalizer = new SubscriptionNormalizer(cache, api);
        // 10 × 500 + 2 × 400 + 1000
        assertEquals(new BigDecimal("6800"), value(normalizer.normalize(parse(sub), "t").snapshot(), 0));
        assertEquals(new BigDecimal("6800"), value(normalizer.normalize(parse(sub), "t").snapshot(), 0));
        assertEquals(List.of("price price_tiered"), api.calls, "then cached");
    }

    @Test
    void anUnreachableApiIsReportedNotGuessed() {
        FakeStripeApi api = new FakeStripeApi();
        api.down = true;
        JsonObject sub = subscription("sub_1", "cus_1").discounts("di_x")
                .item("si", price("p", "prod_starter", "month", 1, 1500), 1L).build();
        assertThrows(StripeUnavailableException.class,
                () -> new SubscriptionNormalizer(cache, api).normalize(parse(sub), "t"));
    }

    @Test
    void onceAndRepeatingCouponsAreResolvedButDoNotCount() throws Exception {
        FakeStripeApi api = new FakeStripeApi();
        api.subscriptions.put("sub_1", subscription("sub_1", "cus_1")
                .discount(discount("di_once", percentCoupon("co_once", "once", 50), "cus_1", "sub_1", null))
                .discount(discount("di_rep", amountCoupon("co_rep", "repeating", 500, "usd"), "cus_1", "sub_1", null))
                .item("si", price("p", "prod_starter", "month", 1, 1500), 1L).build());
        JsonObject inEvent = subscription("sub_1", "cus_1").discounts("di_once", "di_rep")
                .item("si", price("p", "prod_starter", "month", 1, 1500), 1L).build();
        SubscriptionNormalizer.Normalized normalized = new SubscriptionNormalizer(cache, api).normalize(parse(inEvent), "t");
        assertEquals(new BigDecimal("1500"), value(normalized.snapshot(), 0));
        assertEquals(List.of(), normalized.warnings());
    }
}
