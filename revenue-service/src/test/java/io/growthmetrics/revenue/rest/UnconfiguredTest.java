package io.growthmetrics.revenue.rest;

import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.growthmetrics.revenue.support.StripeJson;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Without STRIPE_WEBHOOK_SECRET and METRICS_ADMIN_TOKEN the endpoints say what is missing (503), and refuse. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@TestProfile(UnconfiguredTest.NoSecrets.class)
class UnconfiguredTest {

    public static class NoSecrets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("revenue.stripe.webhook-secret", "", "metrics.admin.token", "");
        }
    }

    @Test
    void webhooksAnswer503WithoutASecret() {
        String payload = "{\"id\":\"evt_1\",\"object\":\"event\"}";
        given().header("Stripe-Signature", StripeJson.sign(payload)).body(payload).post("/stripe/webhook")
                .then().statusCode(503).header("Retry-After", equalTo("30")).body("detail", equalTo(
                        "Stripe webhooks are disabled: set STRIPE_WEBHOOK_SECRET to the endpoint's signing secret (whsec_…)"));
    }

    @Test
    void tokenProtectedEndpointsAnswer503WithoutAToken() {
        given().header("Authorization", "Bearer anything").contentType(ContentType.JSON).body("{}")
                .post("/api/v1/contracts")
                .then().statusCode(503).body("detail", equalTo("The admin token is not configured on this service: set "
                        + "METRICS_ADMIN_TOKEN (config metrics.admin.token) to use this endpoint"));
        given().contentType(ContentType.JSON).body("{}").put("/api/v1/carr-goals/2026-Q4").then().statusCode(503);
        given().post("/admin/backfill").then().statusCode(503);
        given().get("/admin/backfill").then().statusCode(503);
    }
}
