package io.growthmetrics.revenue.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.revenue.ProductCatalogEvent;
import io.growthmetrics.contracts.revenue.SubscriptionEvent;
import io.growthmetrics.contracts.revenue.SubscriptionItem;
import io.growthmetrics.contracts.revenue.SubscriptionSnapshot;
import io.growthmetrics.revenue.support.StripeJson;
import io.growthmetrics.revenue.support.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static io.growthmetrics.revenue.support.StripeJson.amountCoupon;
import static io.growthmetrics.revenue.support.StripeJson.bytes;
import static io.growthmetrics.revenue.support.StripeJson.discount;
import static io.growthmetrics.revenue.support.StripeJson.event;
import static io.growthmetrics.revenue.support.StripeJson.invoice;
import static io.growthmetrics.revenue.support.StripeJson.json;
import static io.growthmetrics.revenue.support.StripeJson.percentCoupon;
import static io.growthmetrics.revenue.support.StripeJson.price;
import static io.growthmetrics.revenue.support.StripeJson.sign;
import static io.growthmetrics.revenue.support.StripeJson.signAt;
import static io.growthmetrics.revenue.support.StripeJson.subscription;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signed Stripe events in the real shape, through the real endpoint, onto the real broker (no API key here). */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class StripeWebhookResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicInteger EVENTS = new AtomicInteger();

    private static String newEventId() {
        return "evt_test" + UUID.randomUUID().toString().replace("-", "").substring(0, 16) + EVENTS.incrementAndGet();
    }

    private static String newSubId() {
        return "sub_" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
    }

    private static ValidatableResponse send(String payload, String signature) {
        var request = given().contentType("application/json; charset=utf-8").body(bytes(payload));
        if (signature != null) {
            request.header("Stripe-Signature", signature);
        }
        return request.when().post("/stripe/webhook").then();
    }

    /** Signs and sends; 200 expected. */
    private static ValidatableResponse deliver(JsonObject event) {
        String payload = json(event);
        return send(payload, sign(payload)).statusCode(200);
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static List<SubscriptionEvent> published(String subscriptionId, int expected) {
        return TopicReader.byKey(Topics.REVENUE_SUBSCRIPTIONS_V1, subscriptionId, expected, WAIT).stream()
                .map(r -> TopicReader.value(r, SubscriptionEvent.class)).toList();
    }

    private static void nothingPublishedFor(String subscriptionId) {
        assertEquals(List.of(), TopicReader.byKey(Topics.REVENUE_SUBSCRIPTIONS_V1, subscriptionId, 1,
                Duration.ofSeconds(3)), "nothing on the topic for " + subscriptionId);
    }

    private static Map<String, BigDecimal> values(SubscriptionSnapshot snapshot) {
        return snapshot.items().stream().collect(Collectors.toMap(SubscriptionItem::itemId, SubscriptionItem::monthlyValue));
    }

    @ParameterizedTest
    @ValueSource(strings = {"active", "past_due", "trialing", "incomplete", "incomplete_expired", "unpaid", "canceled",
            "paused"})
    void everyStatusIsPublishedAsIsKeyedBySubscriptionId(String status) {
        String subId = newSubId();
        String eventId = newEventId();
        long created = now() - 60;
        deliver(event(eventId, "customer.subscription.updated", created, subscription(subId, "cus_status").status(status)
                .item("si_" + subId, price("price_starter_month", "prod_starter", "month", 1, 1500), 1L).build(), null))
                .body("status", equalTo("published")).body("eventId", equalTo(eventId)).body("published", equalTo(1));

        List<ConsumerRecord<String, String>> records = TopicReader.byKey(Topics.REVENUE_SUBSCRIPTIONS_V1, subId, 1, WAIT);
        assertEquals(1, records.size());
        SubscriptionEvent event = TopicReader.value(records.get(0), SubscriptionEvent.class);
        assertEquals(1, event.schemaVersion());
        assertEquals(eventId, event.eventId());
        assertEquals("customer.subscription.updated", event.eventType());
        assertEquals(Instant.ofEpochSecond(created), event.eventCreated());
        assertEquals("webhook", event.source());
        assertFalse(event.deleted());
        assertEquals(status, event.subscription().status());
        assertEquals("cus_status", event.subscription().customerId());
        assertEquals(List.of(new SubscriptionItem("si_" + subId, "price_starter_month", "prod_starter", 1, "month", 1,
                "licensed", new BigDecimal("1500"), new BigDecimal("1500"), new BigDecimal("1500"))),
                event.subscription().items());
        assertTrue(records.get(0).value().contains("\"monthlyValue\":1500"), "a JSON number: " + records.get(0).value());
    }

    @Test
    void yearlyQuarterlyMonthlyAndWeeklyPricesAreNormalizedToAMonth() {
        String subId = newSubId();
        deliver(event(newEventId(), "customer.subscription.created", now(), subscription(subId, "cus_intervals")
                .item("si_year", price("price_pro_year", "prod_pro", "year", 1, 300000), 1L)
                .item("si_quarter", price("price_small_q", "prod_pro_small", "month", 3, 9000), 2L)
                .item("si_month", price("price_medium_m", "prod_pro_medium", "month", 1, 5000), 1L)
                .item("si_week", price("price_remote_w", "prod_pro_remote", "week", 1, 300), 2L)
                .build(), null));
        SubscriptionSnapshot snapshot = published(subId, 1).get(0).subscription();
        assertEquals(Map.of("si_year", new BigDecimal("25000"), "si_quarter", new BigDecimal("6000"),
                "si_month", new BigDecimal("5000"), "si_week", new BigDecimal("2600")), values(snapshot));
        SubscriptionItem quarterly = snapshot.items().get(1);
        assertEquals("month", quarterly.interval());
        assertEquals(3, quarterly.intervalCount());
    }

    @Test
    void aQuantityChangeWithPreviousAttributesPublishesTheNewState() {
        String subId = newSubId();
        JsonObject addOn = price("price_starter_small_month", "prod_starter_small", "month", 1, 1500);
        JsonObject before = subscription(subId, "cus_qty").item("si_addon", addOn, 1L).build();
        JsonObject after = subscription(subId, "cus_qty").item("si_addon", addOn, 3L).build();
        JsonObject previous = new JsonObject();
        JsonObject previousItems = new JsonObject();
        JsonArray previousData = new JsonArray();
        previousData.add(before.getAsJsonObject("items").getAsJsonArray("data").get(0));
        previousItems.add("data", previousData);
        previous.add("items", previousItems);

        deliver(event(newEventId(), "customer.subscription.created", now() - 120, before, null));
        deliver(event(newEventId(), "customer.subscription.updated", now() - 60, after, previous));
        List<SubscriptionEvent> events = published(subId, 2);
        assertEquals(2, events.size());
        assertEquals(new BigDecimal("1500"), events.get(0).subscription().items().get(0).monthlyValue());
        assertEquals(3, events.get(1).subscription().items().get(0).quantity());
        assertEquals(new BigDecimal("4500"), events.get(1).subscription().items().get(0).monthlyValue());
    }

    @Test
    void foreverCouponsLearnedFromCouponAndDiscountEventsReduceTheValueOthersDoNot() {
        String subId = newSubId();
        String suffix = subId.substring(4);
        String percent = "co_pct_" + suffix;
        String amount = "co_amt_" + suffix;
        String once = "co_once_" + suffix;
        String repeating = "co_rep_" + suffix;
        deliver(event(newEventId(), "coupon.created", now(), percentCoupon(percent, "forever", 20), null))
                .body("status", equalTo("cached"));
        deliver(event(newEventId(), "coupon.created", now(), amountCoupon(amount, "forever", 1000, "usd"), null));
        deliver(event(newEventId(), "coupon.created", now(), percentCoupon(once, "once", 50), null));
        deliver(event(newEventId(), "coupon.updated", now(), amountCoupon(repeating, "repeating", 500, "usd"), null));
        String[][] discounts = {{"di_item_" + suffix, amount, "si_plan"}, {"di_sub_" + suffix, percent, null},
                {"di_once_" + suffix, once, null}, {"di_rep_" + suffix, repeating, null}};
        for (String[] d : discounts) {
            deliver(event(newEventId(), "customer.discount.created", now(),
                    discount(d[0], new JsonPrimitive(d[1]), "cus_coupons", subId, d[2]), null))
                    .body("status", equalTo("accepted"));
        }
        nothingPublishedFor(subId);

        // Clover+: discount ids only, at the subscription and on the item.
        deliver(event(newEventId(), "customer.subscription.updated", now(), subscription(subId, "cus_coupons")
                .discounts("di_sub_" + suffix, "di_once_" + suffix, "di_rep_" + suffix)
                .item("si_plan", price("price_pro_month", "prod_pro", "month", 1, 30000), 1L,
                        new JsonPrimitive("di_item_" + suffix))
                .item("si_small", price("price_pro_small_month", "prod_pro_small", "month", 1, 5000), 2L)
                .build(), null));
        SubscriptionSnapshot snapshot = published(subId, 1).get(0).subscription();
        // plan: (30000 − 1000 item amount) × 80 %; small: 10000 × 80 %; once/repeating ignored
        assertEquals(Map.of("si_plan", new BigDecimal("23200"), "si_small", new BigDecimal("8000")), values(snapshot));
        assertEquals(new BigDecimal("30000"), snapshot.items().get(0).monthlyValueBeforeDiscounts());
    }

    @Test
    void anUnresolvableDiscountCountsAsNoDiscount() {
        String subId = newSubId();
        deliver(event(newEventId(), "customer.subscription.updated", now(), subscription(subId, "cus_unknown_coupon")
                .discounts("di_never_seen")
                .item("si", price("price_starter_month", "prod_starter", "month", 1, 1500), 1L).build(), null));
        assertEquals(new BigDecimal("1500"), published(subId, 1).get(0).subscription().items().get(0).monthlyValue());
    }

    @Test
    void meteredItemsAreZeroAndItemsOfUnlistedProductsArePublished() {
        String subId = newSubId();
        deliver(event(newEventId(), "customer.subscription.created", now(), subscription(subId, "cus_mixed")
                .item("si_plan", price("price_starter_month", "prod_starter", "month", 1, 1500), 1L)
                .item("si_usage", price("price_usage", "prod_starter", "usd", "month", 1, "metered", "0.25"), (Long) null)
                .item("si_support", price("price_support", "prod_support_plan", "month", 1, 5000), 1L)
                .build(), null));
        SubscriptionSnapshot snapshot = published(subId, 1).get(0).subscription();
        assertEquals(Map.of("si_plan", new BigDecimal("1500"), "si_usage", BigDecimal.ZERO,
                "si_support", new BigDecimal("5000")), values(snapshot));
        assertEquals("metered", snapshot.items().get(1).usageType());
        assertEquals("prod_support_plan", snapshot.items().get(2).productId());
    }

    @Test
    void trialsCancellationsAndDeletionsArePublished() {
        String subId = newSubId();
        JsonObject price = price("price_pro_month", "prod_pro", "month", 1, 30000);
        long t = now() - 600;
        deliver(event(newEventId(), "customer.subscription.created", t, subscription(subId, "cus_lifecycle")
                .trial(t, t + 14 * 86400).item("si", price, 1L).build(), null));
        JsonObject wasTrialing = new JsonObject();
        wasTrialing.addProperty("status", "trialing");
        deliver(event(newEventId(), "customer.subscription.updated", t + 60, subscription(subId, "cus_lifecycle")
                .item("si", price, 1L).build(), wasTrialing));
        JsonObject wasNotCanceling = new JsonObject();
        wasNotCanceling.addProperty("cancel_at_period_end", false);
        deliver(event(newEventId(), "customer.subscription.updated", t + 120, subscription(subId, "cus_lifecycle")
                .cancelAtPeriodEnd(t + 30 * 86400, t + 120).item("si", price, 1L).build(), wasNotCanceling));
        String deletedId = newEventId();
        deliver(event(deletedId, "customer.subscription.deleted", t + 180, subscription(subId, "cus_lifecycle")
                .canceled(t + 180).item("si", price, 1L).build(), null));

        List<SubscriptionEvent> events = published(subId, 4);
        assertEquals(List.of("trialing", "active", "active", "canceled"),
                events.stream().map(e -> e.subscription().status()).toList());
        assertTrue(events.get(2).subscription().cancelAtPeriodEnd());
        assertEquals(Instant.ofEpochSecond(t + 30 * 86400), events.get(2).subscription().cancelAt());
        assertFalse(events.get(2).deleted());
        assertTrue(events.get(3).deleted());
        assertEquals(deletedId, events.get(3).eventId());
        assertEquals(Instant.ofEpochSecond(t + 180), events.get(3).subscription().canceledAt());
        assertNull(events.get(0).subscription().cancelAt());
    }

    @Test
    void aRepeatedEventIsAcknowledgedButPublishedOnce() {
        String subId = newSubId();
        String eventId = newEventId();
        String payload = json(event(eventId, "customer.subscription.created", now(), subscription(subId, "cus_dup")
                .item("si", price("price_starter_month", "prod_starter", "month", 1, 1500), 1L).build(), null));
        send(payload, sign(payload)).statusCode(200).body("status", equalTo("published"));
        send(payload, sign(payload)).statusCode(200).body("status", equalTo("duplicate"))
                .body("eventId", equalTo(eventId)).body("published", equalTo(0));
        List<ConsumerRecord<String, String>> records = TopicReader.byKey(Topics.REVENUE_SUBSCRIPTIONS_V1, subId, 2,
                Duration.ofSeconds(4));
        assertEquals(1, records.size());
    }

    @Test
    void forgedAlteredStaleOrUnsignedEventsAre400AndNothingIsPublished() {
        String subId = newSubId();
        String payload = json(event(newEventId(), "customer.subscription.created", now(), subscription(subId, "cus_bad")
                .item("si", price("price_starter_month", "prod_starter", "month", 1, 1500), 1L).build(), null));

        send(payload, signAt(payload, now(), "whsec_someone_else")).statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("No signatures found matching the expected signature for payload"));
        send(payload.replace("\"quantity\":1", "\"quantity\":100"), sign(payload)).statusCode(400)
                .body("detail", containsString("No signatures found matching the expected signature for payload"));
        send(payload, signAt(payload, now() - 301, StripeJson.WEBHOOK_SECRET)).statusCode(400)
                .body("detail", containsString("Timestamp outside the tolerance zone"));
        send(payload, null).statusCode(400).body("detail", equalTo("Missing Stripe-Signature header"));
        send(payload, "garbage").statusCode(400)
                .body("detail", containsString("Unable to extract timestamp and signatures from header"));
        nothingPublishedFor(subId);

        // The same payload, properly signed, goes through: the refusals were about the signature only.
        send(payload, signAt(payload, now() - 299, StripeJson.WEBHOOK_SECRET)).statusCode(200);
        assertEquals(1, published(subId, 1).size());
    }

    /**
     * Numbers Stripe never sends, correctly signed: refused with 422 naming the field, or published with exactly the
     * value sent, never a silently different one (a quantity of 1e30 read as 0, say), and never a 5xx.
     */
    @ParameterizedTest
    @ValueSource(strings = {"1e30", "1.5e308", "99999999999999999999999", "0.0000001", "2.5", "-1", "1e-400"})
    void extremeQuantitiesAreRefusedOrPublishedExactly(String quantity) {
        String subId = newSubId();
        String payload = json(event(newEventId(), "customer.subscription.updated", now(), subscription(subId, "cus_num")
                .item("si_" + subId, price("price_starter_month", "prod_starter", "month", 1, 1500), 1L).build(), null))
                .replace("\"quantity\":1,", "\"quantity\":" + quantity + ",");
        assertTrue(payload.contains("\"quantity\":" + quantity), payload);
        var reply = send(payload, sign(payload)).extract();
        if (reply.statusCode() == 200) {
            List<SubscriptionEvent> events = published(subId, 1);
            assertEquals(1, events.size());
            assertEquals(0, new BigDecimal(quantity).compareTo(BigDecimal.valueOf(events.get(0).subscription().items()
                    .get(0).quantity())), "published quantity for " + quantity + ": " + events.get(0));
        } else {
            assertEquals(422, reply.statusCode(), reply.asString());
            assertEquals("application/problem+json", reply.contentType());
            // named on the raw event (not an integer) or on the event to publish (an integer below zero)
            assertTrue(reply.asString().contains("\"field\":\"data.object.items.data[0].quantity\"")
                    || reply.asString().contains("\"field\":\"subscription.items[0].quantity\""), reply.asString());
            assertTrue(reply.asString().contains("\"title\":\"Unprocessable Content\""), reply.asString());
        }
    }

    /** Unit amounts Stripe never sends (negative, or beyond what the views store): 422 (refused before publishing). */
    @ParameterizedTest
    @ValueSource(strings = {"-1", "-0.5", "1e40", "123456789012345678901234567890123"})
    void impossibleUnitAmountsAre422(String unitAmount) {
        String subId = newSubId();
        String payload = json(event(newEventId(), "customer.subscription.updated", now(), subscription(subId, "cus_num")
                .item("si_" + subId, price("price_starter_month", "prod_starter", "month", 1, 1500), 1L).build(), null))
                .replace("\"unit_amount_decimal\":\"1500\"", "\"unit_amount_decimal\":\"" + unitAmount + "\"");
        assertTrue(payload.contains(unitAmount), payload);
        var reply = send(payload, sign(payload)).extract();
        assertEquals(422, reply.statusCode(), reply.asString());
        assertEquals("application/problem+json", reply.contentType());
        assertTrue(reply.asString().contains("unitAmountDecimal") || reply.asString().contains("unit_amount"),
                reply.asString());
    }

    @Test
    void aSignedBodyThatIsNotAnEventIs400() {
        String payload = "{\"not\":\"an event\"";
        send(payload, sign(payload)).statusCode(400).body("detail", containsString("The body is not a Stripe event"));
    }

    @Test
    void unknownEventTypesAreIgnoredWith200() {
        JsonObject customer = new JsonObject();
        customer.addProperty("id", "cus_1");
        customer.addProperty("object", "customer");
        deliver(event(newEventId(), "customer.updated", now(), customer, null))
                .body("status", equalTo("ignored"));
        JsonObject charge = new JsonObject();
        charge.addProperty("id", "ch_1");
        charge.addProperty("object", "charge");
        deliver(event(newEventId(), "charge.succeeded", now(), charge, null)).body("status", equalTo("ignored"));
    }

    @Test
    void invoicesWithoutAnApiKeyAreAcceptedWithoutPublishing() {
        String subId = newSubId();
        deliver(event(newEventId(), "invoice.paid", now(), invoice("in_1", "cus_inv", subId, "paid"), null))
                .body("status", equalTo("accepted"));
        deliver(event(newEventId(), "invoice.payment_failed", now(), invoice("in_2", "cus_inv", subId, "open"), null))
                .body("status", equalTo("accepted"));
        nothingPublishedFor(subId);
    }

    @Test
    void theProductCatalogIsPublishedAtStartUp() {
        List<ConsumerRecord<String, String>> records = TopicReader.read(Topics.REVENUE_PRODUCTS_V1,
                r -> ProductCatalogEvent.KEY.equals(r.key()), 1, WAIT);
        assertFalse(records.isEmpty());
        ProductCatalogEvent catalog = TopicReader.value(records.get(0), ProductCatalogEvent.class);
        assertEquals(1, catalog.schemaVersion());
        assertEquals(8, catalog.products().size());
        assertEquals(new ProductCatalogEvent.Product("prod_starter", "FlowFuse Cloud - Starter"), catalog.products().get(0));
        assertEquals(new ProductCatalogEvent.Product("prod_pro_remote", "Pro - Remote Instance Add-On"),
                catalog.products().get(7));
    }

    @Test
    void healthMetricsAndOpenApiAreServedAndTheSkeletonIsGone() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        String subId = newSubId();
        deliver(event(newEventId(), "customer.subscription.created", now(), subscription(subId, "cus_metrics")
                .item("si", price("price_starter_month", "prod_starter", "month", 1, 1500), 1L).build(), null));
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("revenue_webhooks_received_total{outcome=\"published\",type=\"customer.subscription.created\"}"),
                metrics);
        assertTrue(metrics.contains("revenue_events_published_total{topic=\"revenue.subscriptions.v1\"}"), metrics);
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/stripe/webhook"))
                .body("paths", hasKey("/api/v1/contracts"))
                .body("paths", hasKey("/admin/backfill"));
        given().when().get("/").then().statusCode(404);
    }

    @Test
    void backfillNeedsAnApiKey() {
        given().header("Authorization", "Bearer test-admin-token").when().post("/admin/backfill")
                .then().statusCode(503).body("detail", equalTo("Backfill needs the Stripe API: set STRIPE_API_KEY"));
        given().when().post("/admin/backfill").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().header("Authorization", "Bearer test-admin-token").when().get("/admin/backfill")
                .then().statusCode(200).body("state", equalTo("idle"));
    }
}
