package io.growthmetrics.snapshot.hostile;

import io.growthmetrics.contracts.testing.HostileJson;
import io.growthmetrics.broker.KafkaBrokerTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.snapshot.FeatureMetric;
import io.growthmetrics.snapshot.support.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code POST /api/v1/feature-metrics} under {@link HostileJson#tries()} generated hostile bodies: never a 5xx, every
 * 400 a problem+json naming the field, and a good observation sent right after each is accepted and on the topic.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class FeatureMetricHostileTest {

    private static final String TOKEN = "Bearer test-admin-token";
    private static final String[] CONTENT_TYPES = {"application/json", "application/json; charset=utf-8", "text/plain",
            "application/xml", "application/octet-stream", "application/json; charset=latin1"};

    private static final Map<String, String> VALID = new LinkedHashMap<>();

    static {
        VALID.put("metric", "\"hostile.metric\"");
        VALID.put("value", "12");
        VALID.put("observedAt", "\"2026-11-22T10:00:00Z\"");
        VALID.put("source", "\"hostile-test\"");
        VALID.put("labels", "{\"tier\":\"pro\"}");
    }

    private static String hostileFor(Random r, String field) {
        return switch (field) {
            case "value" -> HostileJson.number(r);
            case "observedAt" -> HostileJson.instant(r);
            case "labels" -> switch (r.nextInt(5)) {
                case 0 -> HostileJson.manyEntries(r, 17 + r.nextInt(100), 1);
                case 1 -> HostileJson.manyEntries(r, 1 + r.nextInt(16), 129 + r.nextInt(10_000));
                case 2 -> "{" + HostileJson.string(r) + ":\"v\"}";
                case 3 -> "{\"tier\":" + HostileJson.string(r) + "}";
                default -> HostileJson.value(r);
            };
            default -> HostileJson.string(r);
        };
    }

    @Test
    void hostileBodiesGet4xxNamingTheFieldAndAGoodObservationAfterIsPublished() {
        String good = "hostile.good-" + UUID.randomUUID().toString().substring(0, 8);
        int tries = HostileJson.tries();
        int refused = 0;
        for (int i = 0; i < tries; i++) {
            Random r = HostileJson.random(i);
            byte[] body = HostileJson.body(r, VALID, FeatureMetricHostileTest::hostileFor);
            String contentType = CONTENT_TYPES[r.nextInt(CONTENT_TYPES.length)];
            long t0 = System.nanoTime();
            Response reply = given().header("Authorization", TOKEN).header("Content-Type", contentType).body(body)
                    .when().post("/api/v1/feature-metrics");
            int status = reply.statusCode();
            String shown = HostileJson.where(i) + status + " for " + abbreviate(body) + ": " + abbreviate(reply.asByteArray());
            if (status >= 500 || (status != 202 && status != 400 && status != 415)) {
                fail(shown);
            }
            if (status == 400) {
                refused++;
                assertEquals("application/problem+json", reply.contentType(), shown);
                JsonNode problem = problem(reply.asByteArray(), shown);
                assertEquals(400, problem.path("status").asInt(), shown);
                assertFalse(problem.path("detail").asText().isBlank(), shown);
                assertTrue(problem.path("field").isTextual(), "the field at fault is named: " + shown);
            }
            long t1 = System.nanoTime();
            given().header("Authorization", TOKEN).header("Content-Type", "application/json")
                    .body("{\"metric\":\"" + good + "\",\"value\":" + i + ",\"observedAt\":\"2026-11-22T10:00:00Z\","
                            + "\"source\":\"hostile-test\"}")
                    .when().post("/api/v1/feature-metrics")
                    .then().statusCode(202);
            long t2 = System.nanoTime();
            if (System.getProperty("hostile.debug") != null) {
                System.out.printf("TRY %d hostile %d ms (%d, %d bytes) good %d ms%n", i, (t1 - t0) / 1_000_000, status,
                        body.length, (t2 - t1) / 1_000_000);
            }
        }
        assertTrue(refused > tries / 2, "most generated bodies are refused: " + refused + " of " + tries);

        List<ConsumerRecord<String, String>> published = TopicReader.byKey(Topics.FEATURE_ADOPTION_METRICS_V1, good,
                tries, Duration.ofSeconds(60));
        Set<BigDecimal> values = new HashSet<>();
        published.forEach(record -> values.add(TopicReader.value(record, FeatureMetric.class).value()));
        assertEquals(tries, values.size(), "every good observation after a hostile one is on the topic");
    }

    private static JsonNode problem(byte[] body, String shown) {
        try {
            return EventJson.mapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + shown, e);
        }
    }

    private static String abbreviate(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.length() <= 300 ? text : text.substring(0, 300) + "… (" + bytes.length + " bytes)";
    }
}
