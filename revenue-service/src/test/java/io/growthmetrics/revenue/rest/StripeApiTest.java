package io.growthmetrics.revenue.rest;

import com.google.gson.JsonPrimitive;
import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.revenue.SubscriptionEvent;
import io.growthmetrics.revenue.support.FakeStripeResource;
import io.growthmetrics.revenue.support.FakeStripeServer;
import io.growthmetrics.revenue.support.StripeJson;
import io.growthmetrics.revenue.support.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.growthmetrics.revenue.support.StripeJson.discount;
import static io.growthmetrics.revenue.support.StripeJson.event;
import static io.growthmetrics.revenue.support.StripeJson.invoice;
import static io.growthmetrics.revenue.support.StripeJson.price;
import static io.growthmetrics.revenue.support.StripeJson.subscription;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With STRIPE_API_KEY, against a local server answering in the Stripe API's shape: the start-up backfill, its
 * resumption after a failed page, one run at a time, and webhooks that need the API.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@TestProfile(StripeApiTest.WithStripeApi.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StripeApiTest {

    public static class WithStripeApi implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeStripeResource.class));
        }
    }

    private static final String TOKEN = "Bearer test-admin-token";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static FakeStripeServer stripe() {
        return FakeStripeResource.server();
    }

    private static ValidatableResponse backfillStatus() {
        return given().header("Authorization", TOKEN).get("/admin/backfill").then().statusCode(200);
    }

    private static void awaitState(String state) {
        await().atMost(30, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> state.equals(backfillStatus().extract().path("state")));
    }

    private static List<SubscriptionEvent> published(String subId, int atLeast) {
        return TopicReader.byKey(Topics.REVENUE_SUBSCRIPTIONS_V1, subId, atLeast, WAIT).stream()
                .map(r -> TopicReader.value(r, SubscriptionEvent.class)).toList();
    }

    private static List<SubscriptionEvent> exactly(String subId, int count) {
        List<SubscriptionEvent> events = TopicReader.byKey(Topics.REVENUE_SUBSCRIPTIONS_V1, subId, count + 1,
                Duration.ofSeconds(3)).stream().map(r -> TopicReader.value(r, SubscriptionEvent.class)).toList();
        assertEquals(count, events.size(), subId + ": " + events);
        return events;
    }

    private static List<FakeStripeServer.Request> listRequests() {
        return stripe().requests.stream().filter(r -> r.path().equals("/v1/subscriptions")).toList();
    }

    @Test
    @Order(1)
    void theStartUpBackfillFailsOnPageTwoAndTheNextRunResumesAfterTheLastStoredSubscription() throws Exception {
        awaitState("failed");
        backfillStatus().body("trigger", equalTo("start-up"))
                .body("read", equalTo(2)).body("published", equalTo(2))
                .body("lastSubscriptionId", equalTo("sub_bf_3"))
                .body("resumePoint", equalTo("sub_bf_3"))
                .body("error", containsString("An unknown error occurred"));

        List<FakeStripeServer.Request> lists = listRequests();
        assertEquals(2, lists.size(), lists.toString());
        FakeStripeServer.Request first = lists.get(0);
        assertNull(first.param("starting_after"));
        assertEquals("all", first.param("status"));
        assertEquals("2", first.param("limit"));
        assertEquals("data.discounts.source.coupon", first.param("expand[0]"));
        assertEquals("data.items.data.discounts", first.param("expand[1]"));
        assertEquals("Bearer " + FakeStripeResource.API_KEY, first.authorization());
        assertEquals("2026-07-29.dahlia", first.stripeVersion());
        assertEquals("sub_bf_3", lists.get(1).param("starting_after"));

        SubscriptionEvent bf4 = published("sub_bf_4", 1).get(0);
        assertTrue(bf4.eventId().matches("backfill:sub_bf_4:\\d{10}"), bf4.eventId());
        assertEquals(SubscriptionEvent.TYPE_BACKFILL, bf4.eventType());
        assertEquals(SubscriptionEvent.SOURCE_BACKFILL, bf4.source());
        assertEquals(Long.parseLong(bf4.eventId().substring(bf4.eventId().lastIndexOf(':') + 1)),
                bf4.eventCreated().getEpochSecond());
        assertFalse(bf4.eventCreated().isAfter(Instant.now()));
        // The subscription's 10 % forever coupon came expanded.
        assertEquals(new BigDecimal("1350"), bf4.subscription().items().get(0).monthlyValue());
        assertEquals(new BigDecimal("2700"), bf4.subscription().items().get(1).monthlyValue());
        // The item's coupon was not expanded: fetched. (300000 − 24000) / 12
        SubscriptionEvent bf3 = published("sub_bf_3", 1).get(0);
        assertEquals("past_due", bf3.subscription().status());
        assertEquals(new BigDecimal("23000"), bf3.subscription().items().get(0).monthlyValue());
        assertEquals(1, stripe().requestsTo("/v1/coupons/co_bf_amount").size());

        // An admin run continues after sub_bf_3.
        given().header("Authorization", TOKEN).post("/admin/backfill").then().statusCode(202)
                .body("state", equalTo("running")).body("trigger", equalTo("admin"))
                .body("resumedAfter", equalTo("sub_bf_3"));
        awaitState("completed");
        backfillStatus().body("read", equalTo(2)).body("published", equalTo(2)).body("errors", equalTo(0))
                .body("resumedAfter", equalTo("sub_bf_3")).body("lastSubscriptionId", equalTo("sub_bf_1"))
                .body("resumePoint", equalTo(null));
        lists = listRequests();
        assertEquals(3, lists.size());
        assertEquals("sub_bf_3", lists.get(2).param("starting_after"), "resumed, not from the start");

        SubscriptionEvent bf2 = exactly("sub_bf_2", 1).get(0);
        assertEquals("canceled", bf2.subscription().status());
        assertEquals(new BigDecimal("30000"), bf2.subscription().items().get(0).monthlyValue());
        SubscriptionEvent bf1 = exactly("sub_bf_1", 1).get(0);
        assertEquals("trialing", bf1.subscription().status());
        // Volume tiers fetched with expand[]=tiers: 4 × 500
        assertEquals(new BigDecimal("2000"), bf1.subscription().items().get(0).monthlyValue());
        FakeStripeServer.Request priceRequest = stripe().requestsTo("/v1/prices/price_bf_tiered").get(0);
        assertEquals("tiers", priceRequest.param("expand[0]"));
        exactly("sub_bf_4", 1);

        String stateDir = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("revenue.backfill.state-dir", String.class);
        assertFalse(Files.exists(Path.of(stateDir, "stripe-backfill.properties")), "a completed run clears its resume point");
    }

    @Test
    @Order(2)
    void aCompletedRunStartsOverAndOnlyOneRunsAtATime() {
        int listsBefore = listRequests().size();
        stripe().listDelayMillis = 1500;
        try {
            given().header("Authorization", TOKEN).post("/admin/backfill").then().statusCode(202);
            given().header("Authorization", TOKEN).post("/admin/backfill").then().statusCode(409)
                    .body("error", equalTo("A backfill is already running"))
                    .body("backfill.state", equalTo("running"));
            given().post("/admin/backfill").then().statusCode(401);
            awaitState("completed");
        } finally {
            stripe().listDelayMillis = 0;
        }
        backfillStatus().body("read", equalTo(4)).body("published", equalTo(4)).body("resumedAfter", equalTo(null));
        List<FakeStripeServer.Request> lists = listRequests();
        assertEquals(listsBefore + 2, lists.size());
        assertNull(lists.get(listsBefore).param("starting_after"), "a new run starts from the beginning");
        assertEquals(2, published("sub_bf_4", 2).size());

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("revenue_backfill_subscriptions_read_total 8.0"), metrics);
        assertTrue(metrics.contains("revenue_backfill_subscriptions_published_total 8.0"), metrics);
        assertTrue(metrics.contains("revenue_backfill_running 0.0"), metrics);
        assertTrue(metrics.contains("revenue_backfill_errors_total 1.0"), metrics);
    }

    @Test
    @Order(3)
    void invoiceAndDiscountEventsPublishTheSubscriptionReadAgain() {
        String payload = StripeJson.json(event("evt_api_invoice", "invoice.paid", 1763900000L,
                invoice("in_api_1", "cus_bf_3", "sub_bf_3", "paid"), null));
        given().header("Stripe-Signature", StripeJson.sign(payload)).body(StripeJson.bytes(payload))
                .post("/stripe/webhook").then().statusCode(200).body("status", equalTo("published"));
        SubscriptionEvent reRead = published("sub_bf_3", 2).stream()
                .filter(e -> e.eventId().equals("evt_api_invoice")).findFirst().orElseThrow();
        assertEquals("invoice.paid", reRead.eventType());
        assertEquals(Instant.ofEpochSecond(1763900000L), reRead.eventCreated());
        assertEquals(SubscriptionEvent.SOURCE_WEBHOOK, reRead.source());
        assertEquals(new BigDecimal("23000"), reRead.subscription().items().get(0).monthlyValue());

        String discountPayload = StripeJson.json(event("evt_api_discount", "customer.discount.created", 1763900001L,
                discount("di_api", new JsonPrimitive("co_api_50"), "cus_api_1", "sub_api_1", null), null));
        given().header("Stripe-Signature", StripeJson.sign(discountPayload)).body(StripeJson.bytes(discountPayload))
                .post("/stripe/webhook").then().statusCode(200).body("status", equalTo("published"));
        SubscriptionEvent discounted = published("sub_api_1", 1).get(0);
        assertEquals("evt_api_discount", discounted.eventId());
        assertEquals(new BigDecimal("15000"), discounted.subscription().items().get(0).monthlyValue());
    }

    @Test
    @Order(4)
    void unknownDiscountIdsInASubscriptionEventAreResolvedThroughTheApi() {
        String subPayload = StripeJson.json(event("evt_api_sub", "customer.subscription.updated", 1763900002L,
                subscription("sub_api_1", "cus_api_1").discounts("di_api")
                        .item("si_api_1", price("price_pro_month", "prod_pro", "month", 1, 30000), 1L).build(), null));
        // di_api was learned by the previous test: drop that knowledge by using a fresh id the API knows.
        stripe().subscriptions.put("sub_api_2", subscription("sub_api_2", "cus_api_2")
                .discount(discount("di_api_2", StripeJson.percentCoupon("co_api_25", "forever", 25), "cus_api_2",
                        "sub_api_2", null))
                .item("si_api_2", price("price_pro_month", "prod_pro", "month", 1, 30000), 1L).build());
        String payload = StripeJson.json(event("evt_api_sub2", "customer.subscription.updated", 1763900003L,
                subscription("sub_api_2", "cus_api_2").discounts("di_api_2")
                        .item("si_api_2", price("price_pro_month", "prod_pro", "month", 1, 30000), 1L).build(), null));
        given().header("Stripe-Signature", StripeJson.sign(payload)).body(StripeJson.bytes(payload))
                .post("/stripe/webhook").then().statusCode(200);
        assertEquals(new BigDecimal("22500"), published("sub_api_2", 1).get(0).subscription().items().get(0).monthlyValue());
        assertEquals(1, stripe().requestsTo("/v1/subscriptions/sub_api_2").size());

        given().header("Stripe-Signature", StripeJson.sign(subPayload)).body(StripeJson.bytes(subPayload))
                .post("/stripe/webhook").then().statusCode(200);
        assertEquals(new BigDecimal("15000"), published("sub_api_1", 2).get(1).subscription().items().get(0).monthlyValue());
    }

    @Test
    @Order(5)
    void aSubscriptionStripeDoesNotKnowIsAcceptedAndAnUnreachableApiIs503() {
        String missing = StripeJson.json(event("evt_api_missing", "invoice.paid", 1763900004L,
                invoice("in_api_2", "cus_x", "sub_api_missing", "paid"), null));
        given().header("Stripe-Signature", StripeJson.sign(missing)).body(StripeJson.bytes(missing))
                .post("/stripe/webhook").then().statusCode(200).body("status", equalTo("accepted"));

        String broken = StripeJson.json(event("evt_api_broken", "invoice.payment_failed", 1763900005L,
                invoice("in_api_3", "cus_x", "sub_api_broken", "open"), null));
        given().header("Stripe-Signature", StripeJson.sign(broken)).body(StripeJson.bytes(broken))
                .post("/stripe/webhook").then().statusCode(503)
                .body("detail", equalTo("The Stripe API is unavailable; retry later"));
        assertEquals(List.of(), TopicReader.byKey(Topics.REVENUE_SUBSCRIPTIONS_V1, "sub_api_broken", 1,
                Duration.ofSeconds(2)));
    }
}
