package io.growthmetrics.revenue.rest;

import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.growthmetrics.revenue.support.StripeJson;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static io.growthmetrics.revenue.support.StripeJson.bytes;
import static io.growthmetrics.revenue.support.StripeJson.event;
import static io.growthmetrics.revenue.support.StripeJson.price;
import static io.growthmetrics.revenue.support.StripeJson.subscription;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With the broker gone, Stripe and sales get a prompt 503 (never a hang or a 500), and readiness says DOWN. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@TestProfile(KafkaDownTest.OwnBroker.class)
class KafkaDownTest {

    /** A profile of its own, so this test gets a broker of its own to stop. */
    public static class OwnBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("revenue.publish-timeout", "6s");
        }
    }

    private static String payload(String eventId, String subId) {
        return StripeJson.json(event(eventId, "customer.subscription.created", Instant.now().getEpochSecond(),
                subscription(subId, "cus_down").item("si", price("price_starter_month", "prod_starter", "month", 1, 1500),
                        1L).build(), null));
    }

    @Test
    void webhooksAndSalesInputsGet503WhileKafkaIsUnreachable() {
        String before = payload("evt_before_outage", "sub_before_outage");
        given().header("Stripe-Signature", StripeJson.sign(before)).body(bytes(before)).post("/stripe/webhook")
                .then().statusCode(200).body("status", equalTo("published"));

        KafkaBrokerTestResource.broker().close();

        String during = payload("evt_during_outage", "sub_during_outage");
        long start = System.nanoTime();
        given().header("Stripe-Signature", StripeJson.sign(during)).body(bytes(during)).post("/stripe/webhook")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", equalTo("30"))
                .body("detail", equalTo("Revenue store temporarily unavailable, retry later"));
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertTrue(seconds <= 8, "answered within the publish timeout, took " + seconds + " s");

        // Not remembered as handled: Stripe's retry is processed again.
        given().header("Stripe-Signature", StripeJson.sign(during)).body(bytes(during)).post("/stripe/webhook")
                .then().statusCode(503);

        given().header("Authorization", "Bearer test-admin-token").contentType(ContentType.JSON)
                .body("{\"goalCents\":1,\"currency\":\"usd\"}").put("/api/v1/carr-goals/2026-Q4")
                .then().statusCode(503).header("Retry-After", equalTo("30"));

        given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
    }
}
