package io.growthmetrics.revenue.support;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.growthmetrics.revenue.support.StripeJson.amountCoupon;
import static io.growthmetrics.revenue.support.StripeJson.discount;
import static io.growthmetrics.revenue.support.StripeJson.list;
import static io.growthmetrics.revenue.support.StripeJson.percentCoupon;
import static io.growthmetrics.revenue.support.StripeJson.price;
import static io.growthmetrics.revenue.support.StripeJson.subscription;
import static io.growthmetrics.revenue.support.StripeJson.tieredPrice;
import static io.growthmetrics.revenue.support.StripeJson.withTiers;

/**
 * Starts a {@link FakeStripeServer} holding four subscriptions over two pages (the second page fails once), and
 * points revenue-service's Stripe client at it with an API key: the start-up backfill then runs against it.
 */
public class FakeStripeResource implements QuarkusTestResourceLifecycleManager {

    public static final String API_KEY = "sk_test_fake_0123456789";
    private static volatile FakeStripeServer server;

    public static FakeStripeServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new FakeStripeServer();
        seed(server);
        return Map.of(
                "revenue.stripe.api-key", API_KEY,
                "revenue.stripe.api-base", server.baseUrl(),
                "revenue.stripe.max-network-retries", "0",
                "revenue.backfill.page-size", "2",
                "revenue.backfill.progress-every", "1",
                "revenue.backfill.state-dir",
                Path.of("target", "revenue-state", UUID.randomUUID().toString()).toAbsolutePath().toString());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The subscriptions as {@code GET /v1/subscriptions?status=all&expand[]=…} renders them, newest first. */
    static void seed(FakeStripeServer server) {
        // Page 1. A 10 % forever coupon on the subscription, expanded down to the coupon.
        JsonObject bf4 = subscription("sub_bf_4", "cus_bf_4")
                .discount(discount("di_bf4", percentCoupon("co_bf_10", "forever", 10), "cus_bf_4", "sub_bf_4", null))
                .item("si_bf4_a", price("price_starter_month", "prod_starter", "month", 1, 1500), 1L)
                .item("si_bf4_b", price("price_starter_small_month", "prod_starter_small", "month", 1, 1500), 2L)
                .build();
        // An item discount: expansion stops at the discount, its coupon is fetched.
        JsonObject bf3 = subscription("sub_bf_3", "cus_bf_3").status("past_due")
                .item("si_bf3", price("price_pro_year", "prod_pro", "year", 1, 300000), 1L,
                        discount("di_bf3", new JsonPrimitive("co_bf_amount"), "cus_bf_3", "sub_bf_3", "si_bf3"))
                .build();
        // Page 2.
        JsonObject bf2 = subscription("sub_bf_2", "cus_bf_2").canceled(1763000000L)
                .item("si_bf2", price("price_pro_month", "prod_pro", "month", 1, 30000), 1L).build();
        JsonObject tiered = tieredPrice("price_bf_tiered", "prod_pro_remote", "volume");
        JsonObject bf1 = subscription("sub_bf_1", "cus_bf_1").trial(1763000000L, 1764209600L)
                .item("si_bf1", tiered, 4L).build();

        server.subscriptionPages.put("", list("/v1/subscriptions", List.of(bf4, bf3), true));
        server.subscriptionPages.put("sub_bf_3", list("/v1/subscriptions", List.of(bf2, bf1), false));
        server.pageFailures.put("sub_bf_3", new AtomicInteger(1));
        server.coupons.put("co_bf_amount", amountCoupon("co_bf_amount", "forever", 24000, "usd"));
        server.prices.put("price_bf_tiered", withTiers(tiered, new long[][] {{5, 500, 0}, {-1, 400, 0}}));

        // For webhooks that need the API.
        server.subscriptions.put("sub_bf_3", bf3);
        server.subscriptions.put("sub_api_1", subscription("sub_api_1", "cus_api_1")
                .discount(discount("di_api", percentCoupon("co_api_50", "forever", 50), "cus_api_1", "sub_api_1", null))
                .item("si_api_1", price("price_pro_month", "prod_pro", "month", 1, 30000), 1L).build());
        server.brokenSubscriptions.put("sub_api_broken", true);
    }
}
