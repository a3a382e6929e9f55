package io.growthmetrics.snapshot.rest;

import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.kpi.PullRequestMerged;
import io.growthmetrics.snapshot.support.FakeGithub;
import io.growthmetrics.snapshot.support.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backfill against a local server answering as the GitHub REST API does, pagination and rate limit included. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@TestProfile(GithubBackfillTest.WithGithub.class)
class GithubBackfillTest {

    public static class WithGithub implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeGithub.class));
        }
    }

    @Test
    void mergedPullRequestsSinceTheDayArePublishedAcrossPagesAndARateLimit() throws Exception {
        String token = ConfigProvider.getConfig().getValue("metrics.admin.token", String.class);
        String since = LocalDate.now(ZoneOffset.UTC).minusDays(30).toString();
        given().header("Authorization", "Bearer " + token).queryParam("since", since)
                .when().post("/admin/github/backfill").then().statusCode(202).body("state", equalTo("running"));
        given().header("Authorization", "Bearer " + token).when().post("/admin/github/backfill").then()
                .statusCode(409);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().header("Authorization", "Bearer " + token)
                .when().get("/admin/github/backfill").then().statusCode(200).body("state", equalTo("done"))
                .body("pages", equalTo(3)).body("published", equalTo(5)).body("rateLimitWaits", equalTo(1)));

        List<ConsumerRecord<String, String>> records = TopicReader.read(Topics.ENGINEERING_PULL_REQUESTS_V1,
                r -> r.value().contains("\"backfill\""), 5, Duration.ofSeconds(20));
        Set<String> keys = new TreeSet<>();
        for (ConsumerRecord<String, String> record : records) {
            PullRequestMerged merged = EventJson.mapper().readValue(record.value(), PullRequestMerged.class);
            assertEquals("backfill", merged.source());
            assertEquals(merged.key(), record.key());
            keys.add(record.key());
        }
        assertEquals(Set.of("flowfuse/flowfuse#1", "flowfuse/flowfuse#2", "flowfuse/flowfuse#4", "flowfuse/flowfuse#5",
                "node-red/node-red#7"), keys, "merged since the day; not #3 (unmerged) nor #6 (older)");
        List<String> requests = FakeGithub.requests();
        assertTrue(requests.stream().allMatch(r -> r.endsWith("auth=Bearer " + FakeGithub.TOKEN)), requests.toString());
        assertEquals(4, requests.size(), "page 1, the rate-limited page 2, page 2 again, node-red: " + requests);
    }

    @Test
    void withoutTheAdminTokenIt401sAndABadDayIs400() {
        given().when().post("/admin/github/backfill").then().statusCode(401);
        String token = ConfigProvider.getConfig().getValue("metrics.admin.token", String.class);
        given().header("Authorization", "Bearer " + token).queryParam("since", "2026-02-30")
                .when().post("/admin/github/backfill").then().statusCode(400).body("field", equalTo("since"));
    }
}
