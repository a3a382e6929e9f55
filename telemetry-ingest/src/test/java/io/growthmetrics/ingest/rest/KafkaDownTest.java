package io.growthmetrics.ingest.rest;

import io.growthmetrics.broker.KafkaBroker;
import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With the broker frozen (SIGSTOP: connections open, nothing answers) or gone, a sender gets a 503 with Retry-After
 * within {@code ingest.publish-timeout} (never a hang or a 500), readiness says DOWN, and once the broker is back pings
 * are answered 200 again.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@TestProfile(KafkaDownTest.OwnBroker.class)
class KafkaDownTest {

    static final int PUBLISH_TIMEOUT_S = 6;
    /** What the answer may take beyond the publish timeout: HTTP and a machine shared by many builds. */
    static final int SLACK_S = 6;

    /** A profile of its own, so this test gets a broker of its own to freeze and stop. */
    public static class OwnBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ingest.publish-timeout", PUBLISH_TIMEOUT_S + "s");
        }
    }

    @Test
    void pingsGet503WhileKafkaIsFrozenOrUnreachableAnd200OnceItIsBack() {
        KafkaBroker broker = KafkaBrokerTestResource.broker();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> ping("before-outage").then().statusCode(200));

        broker.freeze();
        try {
            expect503Promptly("during-freeze");
            given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        } finally {
            broker.thaw();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> ping("after-thaw").then().statusCode(200));

        broker.close();
        expect503Promptly("during-outage");
        given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
    }

    private static io.restassured.response.Response ping(String prefix) {
        return given().contentType(ContentType.JSON).body("{\"instanceId\":\"" + prefix + "-" + UUID.randomUUID() + "\"}")
                .post("/ping");
    }

    private static void expect503Promptly(String prefix) {
        long start = System.nanoTime();
        io.restassured.response.Response reply = ping(prefix);
        // Measured before the checks: RestAssured's first JSON path evaluation alone can take seconds on a busy machine.
        long millis = (System.nanoTime() - start) / 1_000_000L;
        reply.then().statusCode(503).contentType(ContentType.JSON)
                .header("Retry-After", equalTo("30"))
                .body("status", equalTo("error"))
                .body("error", equalTo("Telemetry store temporarily unavailable, try again later"));
        System.out.printf("KafkaDownTest: %s answered 503 after %d ms (publish timeout %d s)%n", prefix, millis,
                PUBLISH_TIMEOUT_S);
        assertTrue(millis <= (PUBLISH_TIMEOUT_S + SLACK_S) * 1000L,
                "answered within the publish timeout (plus slack), took " + millis + " ms");
    }
}
