package io.growthmetrics.ingest.rest;

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

/** With the broker gone, a sender gets a prompt 503 (never a hang or a 500), and readiness says DOWN. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@TestProfile(KafkaDownTest.OwnBroker.class)
class KafkaDownTest {

    /** A profile of its own, so this test gets a broker of its own to stop. */
    public static class OwnBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ingest.publish-timeout", "6s");
        }
    }

    @Test
    void pingsGet503WhileKafkaIsUnreachable() {
        given().contentType(ContentType.JSON).body("{\"instanceId\":\"before-outage\"}")
                .post("/ping").then().statusCode(200);

        KafkaBrokerTestResource.broker().close();

        long start = System.nanoTime();
        given().contentType(ContentType.JSON).body("{\"instanceId\":\"during-outage\"}")
                .post("/ping")
                .then().statusCode(503).contentType(ContentType.JSON)
                .header("Retry-After", equalTo("30"))
                .body("status", equalTo("error"))
                .body("error", equalTo("Telemetry store temporarily unavailable, try again later"));
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertTrue(seconds <= 8, "answered within the publish timeout, took " + seconds + " s");

        given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
    }
}
