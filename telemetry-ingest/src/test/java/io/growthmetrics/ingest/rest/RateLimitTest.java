package io.growthmetrics.ingest.rest;

import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With {@code ingest.rate-limit.pings-per-minute} set, a sender beyond it gets 429 with Retry-After. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@TestProfile(RateLimitTest.FivePerMinute.class)
class RateLimitTest {

    static final int LIMIT = 5;

    public static class FivePerMinute implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ingest.rate-limit.pings-per-minute", Integer.toString(LIMIT));
        }
    }

    @Test
    void aSenderBeyondTheLimitGets429WithRetryAfter() {
        int accepted = 0;
        Response limited = null;
        // A minute boundary may fall between two pings: then the count starts again, so allow for two windows.
        for (int i = 0; i < 2 * LIMIT + 1 && limited == null; i++) {
            Response reply = given().contentType(ContentType.JSON)
                    .body("{\"instanceId\":\"rate-" + UUID.randomUUID() + "\"}").post(i % 2 == 0 ? "/ping" : "/");
            if (reply.statusCode() == 429) {
                limited = reply;
            } else {
                assertEquals(200, reply.statusCode(), reply.asString());
                accepted++;
            }
        }
        assertTrue(limited != null, "429 after " + accepted + " pings");
        assertTrue(accepted >= LIMIT, "at least the limit is accepted first, got " + accepted);
        limited.then().contentType(ContentType.JSON).body("status", equalTo("error"))
                .body("error", startsWith("Too many pings from this sender"));
        int retryAfter = Integer.parseInt(limited.getHeader("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
    }
}
