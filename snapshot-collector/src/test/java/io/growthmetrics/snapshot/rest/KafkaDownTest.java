package io.growthmetrics.snapshot.rest;

import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With the broker gone, publishing and snapshots get a prompt 503 (never a hang or a 500), and readiness says DOWN. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@TestProfile(KafkaDownTest.OwnBroker.class)
class KafkaDownTest {

    /** A profile of its own, so this test gets a broker of its own to stop. */
    public static class OwnBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("snapshot.publish-timeout", "6s", "snapshot.catch-up-timeout", "4s");
        }
    }

    @Test
    void publishingAndSnapshotsGet503WhileKafkaIsUnreachable() {
        String body = "{\"metric\":\"down.metric\",\"value\":1,\"source\":\"t\"}";
        given().header("Authorization", FeatureMetricResourceTest.TOKEN).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/feature-metrics").then().statusCode(202);

        KafkaBrokerTestResource.broker().close();

        long start = System.nanoTime();
        given().header("Authorization", FeatureMetricResourceTest.TOKEN).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/feature-metrics")
                .then().statusCode(503).header("Retry-After", equalTo("30"))
                .body("detail", equalTo("Metric store temporarily unavailable, retry later"));
        given().header("Authorization", FeatureMetricResourceTest.TOKEN).when().post("/admin/snapshots/2025-01-01")
                .then().statusCode(503).body("detail", equalTo("Snapshot store temporarily unavailable, retry later"));
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertTrue(seconds <= 20, "answered within the timeouts, took " + seconds + " s");

        given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
    }
}
