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

    /** Scheduling delay a loaded 2-core machine may add to a reply. */
    private static final long SLACK_S = 8;

    @Test
    void publishingAndSnapshotsGet503WhileKafkaIsUnreachable() {
        String body = "{\"metric\":\"down.metric\",\"value\":1,\"source\":\"t\"}";
        given().header("Authorization", FeatureMetricResourceTest.TOKEN).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/feature-metrics").then().statusCode(202);

        KafkaBrokerTestResource.broker().close();

        // Each reply is timed before it is checked (RestAssured's first JSON path evaluation alone can take seconds on a
        // busy machine) and bounded by this profile's timeouts plus slack, below the test profile's 20 s default: it
        // shows the configured bound holds, not a speed.
        long start = System.nanoTime();
        var metric = given().header("Authorization", FeatureMetricResourceTest.TOKEN).contentType(ContentType.JSON)
                .body(body).when().post("/api/v1/feature-metrics");
        long metricSeconds = (System.nanoTime() - start) / 1_000_000_000L;
        metric.then().statusCode(503).header("Retry-After", equalTo("30"))
                .body("detail", equalTo("Metric store temporarily unavailable, retry later"));
        assertTrue(metricSeconds <= 6 + SLACK_S, "answered within the publish timeout, took " + metricSeconds + " s");

        start = System.nanoTime();
        var snapshot = given().header("Authorization", FeatureMetricResourceTest.TOKEN).when()
                .post("/admin/snapshots/2025-01-01");
        long snapshotSeconds = (System.nanoTime() - start) / 1_000_000_000L;
        snapshot.then().statusCode(503).body("detail", equalTo("Snapshot store temporarily unavailable, retry later"));
        assertTrue(snapshotSeconds <= 4 + 6 + SLACK_S,
                "answered within the catch-up and publish timeouts, took " + snapshotSeconds + " s");

        given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
    }
}
