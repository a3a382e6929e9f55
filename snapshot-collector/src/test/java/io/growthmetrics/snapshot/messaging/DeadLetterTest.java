package io.growthmetrics.snapshot.messaging;

import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.snapshot.support.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Malformed records go to the dead-letter topic with the reason; the records after them are still applied. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class DeadLetterTest {

    @Test
    void malformedRecordsAreDeadLetteredAndConsumptionGoesOn() {
        String metric = "feature.dlq-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> bad = List.of(
                "not json at all",
                "{\"metric\":\"" + metric + "\",\"value\":1}",
                "{\"metric\":\"" + metric + "\",\"value\":\"12\",\"observedAt\":\"2025-07-01T10:00:00Z\"}",
                "{\"metric\":\"has space\",\"value\":1,\"observedAt\":\"2025-07-01T10:00:00Z\"}",
                "[1,2,3]",
                // What kpi-service could not store, and would poison every later snapshot (the series carries forward):
                "{\"metric\":\"" + metric + "\",\"value\":1e200000,\"observedAt\":\"2025-07-01T10:00:00Z\"}",
                "{\"metric\":\"" + metric + "\",\"value\":1,\"observedAt\":\"2025-07-01T10:00:00Z\",\"labels\":{\"k\":\""
                        + "v".repeat(5000) + "\"}}",
                "{\"metric\":\"" + metric + "\",\"value\":1,\"observedAt\":\"2025-07-01T10:00:00Z\",\"labels\":{\"k\":\"a\\u0000\"}}",
                "{\"metric\":\"" + metric + "\",\"value\":1,\"observedAt\":\"9999-12-31T00:00:00Z\"}");
        TopicReader.send(Topics.FEATURE_ADOPTION_METRICS_V1, metric, bad.toArray(String[]::new));
        TopicReader.send(Topics.FEATURE_ADOPTION_METRICS_V1, metric,
                "{\"metric\":\"" + metric + "\",\"value\":42,\"observedAt\":\"2025-07-01T10:00:00Z\",\"source\":\"t\"}");

        List<ConsumerRecord<String, String>> dead = TopicReader.byKey(HistoryConsumer.DEAD_LETTER_TOPIC, metric, bad.size(),
                Duration.ofSeconds(30));
        assertEquals(bad.size(), dead.size());
        Map<String, String> reasons = new java.util.HashMap<>();
        for (ConsumerRecord<String, String> record : dead) {
            reasons.put(record.value(), TopicReader.header(record, "dead-letter-reason"));
            assertEquals(Topics.FEATURE_ADOPTION_METRICS_V1, TopicReader.header(record, "dead-letter-topic"));
            assertNotNull(TopicReader.header(record, "dead-letter-partition"));
            Long.parseLong(TopicReader.header(record, "dead-letter-offset"));
        }
        assertEquals(bad.stream().sorted().toList(), reasons.keySet().stream().sorted().toList(), "original values kept");
        assertTrue(reasons.get(bad.get(0)).startsWith("not JSON"), reasons.get(bad.get(0)));
        assertEquals("observedAt is required", reasons.get(bad.get(1)));
        assertEquals("value must be a number", reasons.get(bad.get(2)));
        assertTrue(reasons.get(bad.get(3)).contains("may only contain"), reasons.get(bad.get(3)));
        assertEquals("an observation must be a JSON object", reasons.get(bad.get(4)));
        assertTrue(reasons.get(bad.get(5)).startsWith("'value' is out of range"), reasons.get(bad.get(5)));
        assertEquals("'labels.k' is longer than 128 characters", reasons.get(bad.get(6)));
        assertTrue(reasons.get(bad.get(7)).startsWith("'labels.k' contains a NUL"), reasons.get(bad.get(7)));
        assertTrue(reasons.get(bad.get(8)).startsWith("'observedAt' must be between"), reasons.get(bad.get(8)));

        given().header("Authorization", "Bearer test-admin-token").when().post("/admin/snapshots/2025-07-01")
                .then().statusCode(200).body("metrics.'" + metric + "'", org.hamcrest.Matchers.equalTo(42));
        // Not poisoned later either: the next day's snapshot carries the good value forward.
        given().header("Authorization", "Bearer test-admin-token").when().post("/admin/snapshots/2025-07-02")
                .then().statusCode(200).body("metrics.'" + metric + "'", org.hamcrest.Matchers.equalTo(42));
    }
}
