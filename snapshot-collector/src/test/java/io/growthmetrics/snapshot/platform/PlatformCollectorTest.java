package io.growthmetrics.snapshot.platform;

import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.snapshot.DailySnapshot;
import io.growthmetrics.contracts.snapshot.FeatureMetric;
import io.growthmetrics.snapshot.messaging.SnapshotService;
import io.growthmetrics.snapshot.support.FakePlatform;
import io.growthmetrics.snapshot.support.FakePlatform.Reply;
import io.growthmetrics.snapshot.support.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daily run against a local platform: its admin stats become {@code platform.*} metrics dated the end of the
 * closed day; a failing or slow platform is retried, then the snapshot is taken anyway with the failure in it.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@TestProfile(PlatformCollectorTest.WithPlatform.class)
class PlatformCollectorTest {

    public static class WithPlatform implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("snapshot.platform.token", FakePlatform.TOKEN,
                    "snapshot.platform.request-timeout", "1s",
                    "snapshot.platform.backoff", "100ms",
                    "snapshot.platform.attempts", "3",
                    "metrics.admin.token", "");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakePlatform.class));
        }
    }

    @Inject
    SnapshotService service;

    @Test
    void closingADayPublishesTheStatsDatedItsEndAfterRetryingAServerError() throws Exception {
        LocalDate day = LocalDate.parse("2025-08-10");
        FakePlatform.reset(new Reply(500, "{\"error\":\"boom\"}", 0));
        DailySnapshot snapshot = service.closeDay(day);

        assertEquals(List.of("Bearer " + FakePlatform.TOKEN, "Bearer " + FakePlatform.TOKEN), FakePlatform.requests());
        assertEquals(List.of(), snapshot.failures());
        assertEquals(new BigDecimal("412"), snapshot.metrics().get("platform.teamCount"));
        assertEquals(new BigDecimal("301"), snapshot.metrics().get("platform.teamsByType.Starter"));
        assertEquals(new BigDecimal("598"), snapshot.metrics().get("platform.instancesByState.running"));
        assertEquals(new BigDecimal("88"), snapshot.metrics().get("platform.devicesByLastSeen.never"));
        assertEquals(new BigDecimal("37"), snapshot.metrics().get("platform.tablesDatabaseCount"));

        List<ConsumerRecord<String, String>> observed = TopicReader.read(Topics.FEATURE_ADOPTION_METRICS_V1,
                r -> "platform.teamCount".equals(r.key()) && r.value().contains("2025-08-10T23:59:59.999Z"), 1,
                Duration.ofSeconds(20));
        FeatureMetric metric = TopicReader.value(observed.get(0), FeatureMetric.class);
        assertEquals(new FeatureMetric("platform.teamCount", new BigDecimal("412"),
                Instant.parse("2025-08-10T23:59:59.999Z"), "platform", Map.of()), metric);

        DailySnapshot before = service.takeAndPublish(day.minusDays(1));
        assertTrue(before.metrics().keySet().stream().noneMatch(n -> n.startsWith("platform.")),
                "not in the day before: " + before.metrics().keySet());
    }

    @Test
    void aSlowPlatformTimesOutAndTheSnapshotIsTakenWithTheFailureRecorded() throws Exception {
        LocalDate day = LocalDate.parse("2025-09-10");
        String metric = "tables.slow-day";
        TopicReader.send(Topics.FEATURE_ADOPTION_METRICS_V1, metric, "{\"metric\":\"" + metric
                + "\",\"value\":5,\"observedAt\":\"2025-09-10T12:00:00Z\",\"source\":\"tables-team\"}");
        FakePlatform.reset(new Reply(200, FakePlatform.STATS, 2500), new Reply(200, FakePlatform.STATS, 2500),
                new Reply(200, FakePlatform.STATS, 2500));
        long start = System.nanoTime();
        DailySnapshot snapshot = service.closeDay(day);
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;

        assertTrue(seconds < 10, "bounded: " + seconds + " s");
        assertEquals(3, FakePlatform.requests().size());
        assertEquals(List.of(new DailySnapshot.Failure("platform", "timed out (1000 ms) after 3 tries")),
                snapshot.failures());
        assertEquals(new BigDecimal("5"), snapshot.metrics().get(metric), "what is known is still there");

        List<ConsumerRecord<String, String>> published = TopicReader.byKey(Topics.SNAPSHOTS_DAILY_V1, day.toString(), 1,
                Duration.ofSeconds(20));
        assertEquals(snapshot, TopicReader.value(published.get(0), DailySnapshot.class));
        assertEquals(snapshot, service.takeAndPublish(day), "taken again: same content, failure included");
    }

    @Test
    void aPersistentServerErrorIsRecordedAfterTheLastTry() throws Exception {
        FakePlatform.reset(new Reply(503, "", 0), new Reply(503, "", 0), new Reply(503, "", 0));
        DailySnapshot snapshot = service.closeDay(LocalDate.parse("2025-10-10"));
        assertEquals(List.of(new DailySnapshot.Failure("platform", "HTTP 503 after 3 tries")), snapshot.failures());
    }

    @Test
    void withoutAnAdminTokenTheEndpointsAreDisabled() {
        given().when().post("/admin/snapshots/2025-01-01").then().statusCode(503)
                .body("detail", equalTo("The admin token is not configured on this service: set "
                        + "METRICS_ADMIN_TOKEN (config metrics.admin.token) to use this endpoint"));
        given().contentType("application/json").body("{}").when().post("/api/v1/feature-metrics").then().statusCode(503);
    }
}
