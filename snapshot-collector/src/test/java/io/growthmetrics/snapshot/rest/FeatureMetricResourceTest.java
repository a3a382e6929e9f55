package io.growthmetrics.snapshot.rest;

import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.snapshot.FeatureMetric;
import io.growthmetrics.snapshot.support.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /api/v1/feature-metrics}: validation, publishing after Kafka's acknowledgement, auth. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class FeatureMetricResourceTest {

    static final String TOKEN = "Bearer test-admin-token";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static String unique(String prefix) {
        return prefix + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void oneObservationIsPublishedWithItsMetricAsKey() {
        String metric = unique("tables.databases");
        given().header("Authorization", TOKEN).contentType(ContentType.JSON)
                .body("{\"metric\":\"" + metric + "\",\"value\":12,\"observedAt\":\"2026-11-22T10:00:00Z\","
                        + "\"source\":\"tables-team\",\"labels\":{\"tier\":\"pro\"}}")
                .when().post("/api/v1/feature-metrics")
                .then().statusCode(202).contentType(ContentType.JSON)
                .body("published", equalTo(1))
                .body("metrics[0].metric", equalTo(metric))
                .body("metrics[0].labels.tier", equalTo("pro"));

        List<ConsumerRecord<String, String>> records = TopicReader.byKey(Topics.FEATURE_ADOPTION_METRICS_V1, metric, 1, WAIT);
        assertEquals(1, records.size());
        assertEquals(new FeatureMetric(metric, new BigDecimal("12"), Instant.parse("2026-11-22T10:00:00Z"), "tables-team",
                Map.of("tier", "pro")), TopicReader.value(records.get(0), FeatureMetric.class));
    }

    @Test
    void anArrayIsPublishedWholeAndObservedAtDefaultsToNow() {
        String metric = unique("mqtt.clients");
        Instant before = Instant.now().minusSeconds(1);
        given().header("Authorization", TOKEN).contentType(ContentType.JSON)
                .body("[{\"metric\":\"" + metric + "\",\"value\":3,\"source\":\"mqtt-team\"},"
                        + "{\"metric\":\"" + metric + "\",\"value\":4.25,\"source\":\"mqtt-team\",\"labels\":{\"tier\":\"starter\"}}]")
                .when().post("/api/v1/feature-metrics")
                .then().statusCode(202).body("published", equalTo(2));

        List<ConsumerRecord<String, String>> records = TopicReader.byKey(Topics.FEATURE_ADOPTION_METRICS_V1, metric, 2, WAIT);
        assertEquals(2, records.size());
        FeatureMetric labelled = records.stream().map(r -> TopicReader.value(r, FeatureMetric.class))
                .filter(m -> !m.labels().isEmpty()).findFirst().orElseThrow();
        assertEquals(new BigDecimal("4.25"), labelled.value());
        assertEquals(metric + "{tier=starter}", labelled.seriesName());
        assertFalse(labelled.observedAt().isBefore(before));
        assertTrue(labelled.observedAt().isBefore(Instant.now().plusSeconds(1)));
    }

    @Test
    void invalidObservationsAreRefusedWithEveryProblemAndNothingIsPublished() {
        String metric = unique("ok.metric");
        given().header("Authorization", TOKEN).contentType(ContentType.JSON)
                .body("[{\"metric\":\"" + metric + "\",\"value\":1,\"source\":\"t\"},"
                        + "{\"metric\":\"has space\",\"value\":\"1\",\"observedAt\":\"22/11/2026\",\"labels\":{\"k\":\"\"}}]")
                .when().post("/api/v1/feature-metrics")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors", hasSize(5))
                .body("errors", hasItems("[1] value must be a number",
                        "[1] source is required (who publishes it, e.g. tables-team)",
                        "[1] label 'k' must have a non-blank string value"))
                .body("detail", containsString("[1] metric 'has space' may only contain"));
        assertEquals(List.of(), TopicReader.byKey(Topics.FEATURE_ADOPTION_METRICS_V1, metric, 1, Duration.ofSeconds(3)));

        given().header("Authorization", TOKEN).contentType(ContentType.JSON).body("{\"metric\":")
                .when().post("/api/v1/feature-metrics")
                .then().statusCode(400).body("detail", containsString("Body is not JSON"));
        given().header("Authorization", TOKEN).contentType(ContentType.JSON).body("")
                .when().post("/api/v1/feature-metrics")
                .then().statusCode(400).body("detail", containsString("Empty body"));
        given().header("Authorization", TOKEN).contentType(ContentType.JSON).body("[]")
                .when().post("/api/v1/feature-metrics")
                .then().statusCode(400).body("detail", containsString("empty"));
        given().header("Authorization", TOKEN).contentType(ContentType.JSON)
                .body("{\"metric\":\"" + "x".repeat(201) + "\",\"value\":1,\"source\":\"t\"}")
                .when().post("/api/v1/feature-metrics")
                .then().statusCode(400).body("detail", equalTo("metric must be at most 200 characters"));
    }

    @Test
    void whatCouldPoisonSnapshotsIsRefusedAsAProblemNamingTheField() {
        String metric = unique("poison.metric");
        Map<String, String> bodies = new java.util.LinkedHashMap<>();
        bodies.put("value", "{\"metric\":\"" + metric + "\",\"value\":1e200000,\"source\":\"t\"}");
        bodies.put("labels.tier", "{\"metric\":\"" + metric + "\",\"value\":1,\"source\":\"t\",\"labels\":{\"tier\":\""
                + "x".repeat(100_000) + "\"}}");
        bodies.put("labels.k", "{\"metric\":\"" + metric + "\",\"value\":1,\"source\":\"t\",\"labels\":{\"k\":\"a\\u0000b\"}}");
        bodies.put("source", "{\"metric\":\"" + metric + "\",\"value\":1,\"source\":\"\\udc00\"}");
        bodies.put("observedAt", "{\"metric\":\"" + metric + "\",\"value\":1,\"source\":\"t\",\"observedAt\":\"9999-12-31T00:00:00Z\"}");
        bodies.put("[1].value", "[{\"metric\":\"" + metric + "\",\"value\":1,\"source\":\"t\"},"
                + "{\"metric\":\"" + metric + "\",\"value\":1e-200000,\"source\":\"t\"}]");
        bodies.forEach((field, body) -> given().header("Authorization", TOKEN).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/feature-metrics")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("about:blank")).body("title", equalTo("Bad Request")).body("status", equalTo(400))
                .body("field", equalTo(field)).body("detail", containsString("'" + field.replaceFirst("^\\[1]\\.", "")
                        + "'")));
        assertEquals(List.of(), TopicReader.byKey(Topics.FEATURE_ADOPTION_METRICS_V1, metric, 1, Duration.ofSeconds(3)));
    }

    @Test
    void theBearerTokenIsRequired() {
        String body = "{\"metric\":\"a.b\",\"value\":1,\"source\":\"t\"}";
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/feature-metrics")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .body("detail", equalTo("Missing 'Authorization: Bearer <METRICS_ADMIN_TOKEN>' header"));
        given().header("Authorization", "Bearer wrong").contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/feature-metrics")
                .then().statusCode(401).body("detail", equalTo("Invalid admin token"));
        given().contentType(ContentType.JSON).when().post("/admin/snapshots/2025-01-01").then().statusCode(401);
    }
}
