package io.growthmetrics.revenue.messaging;

import com.google.gson.JsonPrimitive;
import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.revenue.SubscriptionEvent;
import io.growthmetrics.revenue.config.RevenueConfig;
import io.growthmetrics.revenue.domain.CouponTerms;
import io.growthmetrics.revenue.stripe.StripeObjectCache;
import io.growthmetrics.revenue.support.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.growthmetrics.revenue.support.StripeJson.discount;
import static io.growthmetrics.revenue.support.StripeJson.event;
import static io.growthmetrics.revenue.support.StripeJson.json;
import static io.growthmetrics.revenue.support.StripeJson.percentCoupon;
import static io.growthmetrics.revenue.support.StripeJson.price;
import static io.growthmetrics.revenue.support.StripeJson.sign;
import static io.growthmetrics.revenue.support.StripeJson.subscription;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coupon terms learned from webhooks (no API key here) survive a restart: they are on the compacted
 * {@code revenue.stripe-terms.v1} and read back at start-up, so a discount still counts afterwards.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class StripeTermsRestartTest {

    @Inject
    StripeObjectCache cache;

    @Inject
    StripeTermsStore store;

    @Inject
    EventPublisher publisher;

    @Inject
    RevenueConfig config;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    private static void deliver(com.google.gson.JsonObject event) {
        String payload = json(event);
        given().header("Stripe-Signature", sign(payload)).contentType("application/json; charset=utf-8")
                .body(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/stripe/webhook").then().statusCode(200);
    }

    private static String id(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static BigDecimal valueAfterUpdate(String subId, String discountId, int nth) {
        deliver(event(id("evt_"), "customer.subscription.updated", Instant.now().getEpochSecond(),
                subscription(subId, "cus_terms").discounts(discountId)
                        .item("si_" + subId, price("price_pro_month", "prod_pro", "month", 1, 30000), 1L).build(), null));
        List<SubscriptionEvent> events = TopicReader.byKey(Topics.REVENUE_SUBSCRIPTIONS_V1, subId, nth,
                Duration.ofSeconds(20)).stream().map(r -> TopicReader.value(r, SubscriptionEvent.class)).toList();
        assertEquals(nth, events.size());
        // One key, one partition: the records come in the order they were published.
        return events.get(nth - 1).subscription().items().get(0).monthlyValue();
    }

    @Test
    void aDiscountLearnedFromWebhooksStillCountsAfterARestart() throws Exception {
        String coupon = id("co_");
        String discountId = id("di_");
        String subId = id("sub_");
        deliver(event(id("evt_"), "coupon.created", Instant.now().getEpochSecond(),
                percentCoupon(coupon, "forever", 25), null));
        deliver(event(id("evt_"), "customer.discount.created", Instant.now().getEpochSecond(),
                discount(discountId, new JsonPrimitive(coupon), "cus_terms", subId, null), null));
        assertEquals(0, new BigDecimal("22500").compareTo(valueAfterUpdate(subId, discountId, 1)), "25 % off 300.00");

        // A fresh instance (as after a restart) reads the topic back: the coupon and the discount's coupon are there.
        StripeObjectCache fresh = new StripeObjectCache();
        int restored = new StripeTermsStore(kafkaConfig, fresh, publisher, config).load();
        assertTrue(restored >= 2, "restored " + restored);
        Optional<CouponTerms> terms = fresh.coupon(coupon);
        assertTrue(terms.isPresent());
        assertEquals(0, new BigDecimal("25").compareTo(terms.get().percentOff()));
        assertTrue(terms.get().forever());
        assertEquals(Optional.of(coupon), fresh.couponOfDiscount(discountId));

        // The running app forgets everything (what a restart did before) and reads the topic back, as at start-up:
        // the discount still applies. Without the read-back the same update is valued at the full price.
        cache.forgetAll();
        assertEquals(0, new BigDecimal("30000").compareTo(valueAfterUpdate(subId, discountId, 2)),
                "forgotten: counted as no discount");
        store.load();
        assertEquals(0, new BigDecimal("22500").compareTo(valueAfterUpdate(subId, discountId, 3)),
                "restored: the discount applies again");

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafkaConfig.get("bootstrap.servers")))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.REVENUE_STRIPE_TERMS_V1);
            Config settings = admin.describeConfigs(List.of(topic)).all().get().get(topic);
            assertEquals(TopicConfig.CLEANUP_POLICY_COMPACT, settings.get(TopicConfig.CLEANUP_POLICY_CONFIG).value());
            assertEquals("-1", settings.get(TopicConfig.RETENTION_MS_CONFIG).value());
        }
    }
}
