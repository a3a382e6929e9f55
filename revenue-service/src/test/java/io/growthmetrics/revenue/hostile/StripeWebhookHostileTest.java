package io.growthmetrics.revenue.hostile;

import io.growthmetrics.contracts.testing.HostileJson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.revenue.support.StripeJson;
import io.growthmetrics.revenue.support.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static io.growthmetrics.revenue.support.StripeJson.event;
import static io.growthmetrics.revenue.support.StripeJson.price;
import static io.growthmetrics.revenue.support.StripeJson.sign;
import static io.growthmetrics.revenue.support.StripeJson.subscription;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Stripe webhook under {@link HostileJson#tries()} correctly signed hostile events (fields of the event, the
 * subscription, its items and prices replaced by hostile values; now and then raw bytes): always a 4xx (or a 200 for
 * what is valid after all), never a 5xx; a good event right after each is answered 200 and is on
 * {@code revenue.subscriptions.v1}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class StripeWebhookHostileTest {

    /** Where a hostile value may go: a setter on the event for a placeholder. */
    private static final String[] TARGETS = {"event.id", "event.type", "event.created", "event.api_version",
            "event.data.object", "sub.id", "sub.customer", "sub.currency", "sub.status", "sub.cancel_at",
            "sub.canceled_at", "sub.discounts", "sub.items", "item.id", "item.quantity", "price.id", "price.product",
            "price.unit_amount_decimal", "price.unit_amount", "price.currency", "recurring.interval",
            "recurring.interval_count", "recurring.usage_type", "sub.cancel_at_period_end"};

    private static String hostileFor(Random r, String target) {
        return switch (target) {
            case "event.created", "sub.cancel_at", "sub.canceled_at", "item.quantity", "price.unit_amount",
                    "recurring.interval_count" -> r.nextInt(3) == 0 ? HostileJson.value(r) : HostileJson.number(r);
            case "price.unit_amount_decimal" -> r.nextBoolean() ? HostileJson.literal(HostileJson.number(r))
                    : HostileJson.number(r);
            case "sub.customer", "sub.id", "item.id", "price.product" -> r.nextBoolean()
                    ? HostileJson.literal("x".repeat(256 + r.nextInt(1000))) : HostileJson.string(r);
            default -> HostileJson.value(r);
        };
    }

    private static final String[] TYPES = {"customer.subscription.created", "customer.subscription.updated",
            "customer.subscription.deleted", "customer.subscription.paused", "customer.discount.created",
            "coupon.created", "invoice.paid"};

    /** A signed event with one to three hostile values, as the bytes to send. */
    private static String hostileEvent(Random r, String subId) {
        JsonObject sub = subscription(subId, "cus_hostile")
                .item("si_" + subId, price("price_starter_month", "prod_starter", "month", 1, 1500), 1L).build();
        String type = r.nextInt(4) == 0 ? TYPES[r.nextInt(TYPES.length)] : "customer.subscription.updated";
        JsonObject event = event("evt_h" + UUID.randomUUID().toString().replace("-", ""), type,
                Instant.now().getEpochSecond(), sub, null);
        JsonObject item = sub.getAsJsonObject("items").getAsJsonArray("data").get(0).getAsJsonObject();
        JsonObject price = item.getAsJsonObject("price");
        JsonObject recurring = price.getAsJsonObject("recurring");
        int mutations = 1 + r.nextInt(3);
        String[] literals = new String[mutations];
        for (int m = 0; m < mutations; m++) {
            String target = TARGETS[r.nextInt(TARGETS.length)];
            String placeholder = "@@HOSTILE" + m + "@@";
            literals[m] = hostileFor(r, target);
            switch (target) {
                case "event.id", "event.type", "event.created", "event.api_version" ->
                        event.addProperty(target.substring(6), placeholder);
                case "event.data.object" -> event.getAsJsonObject("data").addProperty("object", placeholder);
                case "sub.items" -> sub.addProperty("items", placeholder);
                case "sub.discounts" -> {
                    JsonArray discounts = new JsonArray();
                    discounts.add(placeholder);
                    sub.add("discounts", discounts);
                }
                case "item.id", "item.quantity" -> item.addProperty(target.substring(5), placeholder);
                case "recurring.interval", "recurring.interval_count", "recurring.usage_type" ->
                        recurring.addProperty(target.substring(10), placeholder);
                default -> {
                    if (target.startsWith("price.")) {
                        price.addProperty(target.substring(6), placeholder);
                    } else {
                        sub.addProperty(target.substring(4), placeholder);
                    }
                }
            }
        }
        String json = StripeJson.json(event);
        for (int m = 0; m < mutations; m++) {
            json = json.replace("\"@@HOSTILE" + m + "@@\"", literals[m]);
        }
        return json;
    }

    @Test
    void correctlySignedHostileEventsGet4xxAndAGoodEventAfterIsPublished() {
        String run = "sub_good" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        int tries = HostileJson.tries();
        int refused = 0;
        for (int i = 0; i < tries; i++) {
            Random r = HostileJson.random(i);
            String payload = r.nextInt(10) == 0 ? new String(HostileJson.body(r, java.util.Map.of("id", "\"evt_1\"",
                    "type", "\"customer.subscription.updated\""), (g, f) -> HostileJson.value(g)), StandardCharsets.UTF_8)
                    : hostileEvent(r, "sub_h" + i);
            Response reply;
            try {
                reply = given().header("Stripe-Signature", sign(payload))
                        .header("Content-Type", "application/json; charset=utf-8")
                        .body(payload.getBytes(StandardCharsets.UTF_8)).when().post("/stripe/webhook");
            } catch (RuntimeException e) {
                // A reply that never comes (read timeout) must name the try and the event, like any other failure.
                throw new AssertionError(HostileJson.where(i) + "no reply for " + abbreviate(payload), e);
            }
            int status = reply.statusCode();
            String shown = HostileJson.where(i) + status + " for " + abbreviate(payload) + ": "
                    + abbreviate(reply.asString());
            if (status >= 500 || (status != 200 && status != 400 && status != 422)) {
                fail(shown);
            }
            if (status != 200) {
                refused++;
                assertEquals("application/problem+json", reply.contentType(), shown);
                assertFalse(reply.asString().isBlank(), shown);
            }
            String good = run + "_" + i;
            String event = StripeJson.json(event("evt_g" + UUID.randomUUID().toString().replace("-", ""),
                    "customer.subscription.updated", Instant.now().getEpochSecond(),
                    subscription(good, "cus_good").item("si_" + good,
                            price("price_starter_month", "prod_starter", "month", 1, 1500), 1L).build(), null));
            given().header("Stripe-Signature", sign(event)).header("Content-Type", "application/json; charset=utf-8")
                    .body(event.getBytes(StandardCharsets.UTF_8)).when().post("/stripe/webhook")
                    .then().statusCode(200);
        }
        assertTrue(refused > tries / 3, "many generated events are refused: " + refused + " of " + tries);

        List<ConsumerRecord<String, String>> published = TopicReader.read(Topics.REVENUE_SUBSCRIPTIONS_V1,
                record -> record.key() != null && record.key().startsWith(run + "_"), tries, Duration.ofSeconds(60));
        Set<String> keys = new HashSet<>();
        published.forEach(record -> keys.add(record.key()));
        assertEquals(tries, keys.size(), "every good event after a hostile one is on the topic");
    }

    private static String abbreviate(String text) {
        return text.length() <= 400 ? text : text.substring(0, 400) + "… (" + text.length() + " chars)";
    }
}
