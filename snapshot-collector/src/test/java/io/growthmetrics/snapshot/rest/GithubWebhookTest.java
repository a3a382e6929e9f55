package io.growthmetrics.snapshot.rest;

import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.kpi.PullRequestMerged;
import io.growthmetrics.snapshot.github.WebhookSignature;
import io.growthmetrics.snapshot.support.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** GitHub pull_request webhooks, signed as GitHub signs them, through the real endpoint onto the real broker. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class GithubWebhookTest {

    private static final String SECRET = "test-github-secret";
    private static final AtomicLong NUMBERS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L);

    private static String payload(String action, boolean merged, String repository, long number, String mergedAt) {
        return "{\"action\":\"" + action + "\",\"number\":" + number + ",\"pull_request\":{\"url\":\"https://example/pulls/"
                + number + "\",\"number\":" + number + ",\"state\":\"closed\",\"title\":\"Fix it\",\"user\":{\"login\":"
                + "\"someone\"},\"merged\":" + merged + ",\"merged_at\":" + (mergedAt == null ? "null" : "\"" + mergedAt
                + "\"") + ",\"base\":{\"ref\":\"main\"}},\"repository\":{\"id\":1,\"full_name\":\"" + repository
                + "\",\"private\":false},\"sender\":{\"login\":\"someone\"}}";
    }

    private static ValidatableResponse deliver(String event, String body, String signature) {
        var request = given().contentType("application/json").header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", UUID.randomUUID().toString()).body(body.getBytes(StandardCharsets.UTF_8));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return request.when().post("/github/webhook").then();
    }

    private static String sign(String body) {
        return WebhookSignature.sign(SECRET, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aMergedPullRequestOfACountedRepositoryIsPublishedKeyedCaseInsensitively() throws Exception {
        long number = NUMBERS.incrementAndGet();
        String mergedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60).toString();
        String body = payload("closed", true, "FlowFuse/FlowFuse", number, mergedAt);
        deliver("pull_request", body, sign(body)).statusCode(200).body("status", equalTo("published"))
                .body("key", equalTo("flowfuse/flowfuse#" + number));

        List<ConsumerRecord<String, String>> records = TopicReader.byKey(Topics.ENGINEERING_PULL_REQUESTS_V1,
                "flowfuse/flowfuse#" + number, 1, Duration.ofSeconds(20));
        assertEquals(1, records.size());
        PullRequestMerged merged = EventJson.mapper().readValue(records.get(0).value(), PullRequestMerged.class);
        assertEquals("FlowFuse/FlowFuse", merged.repository());
        assertEquals(number, merged.number());
        assertEquals(Instant.parse(mergedAt), merged.mergedAt());
        assertEquals("webhook", merged.source());
    }

    @Test
    void whatIsNotAMergeOfACountedRepositoryIsIgnoredWith200() {
        long number = NUMBERS.incrementAndGet();
        String now = Instant.now().toString();
        for (String body : List.of(payload("closed", false, "FlowFuse/flowfuse", number, null),
                payload("opened", false, "FlowFuse/flowfuse", number, null),
                payload("closed", true, "someone/else", number, now))) {
            deliver("pull_request", body, sign(body)).statusCode(200).body("status", equalTo("ignored"));
        }
        String ping = "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}";
        deliver("ping", ping, sign(ping)).statusCode(200).body("status", equalTo("ignored"));
        String push = "{\"ref\":\"refs/heads/main\"}";
        deliver("push", push, sign(push)).statusCode(200).body("status", equalTo("ignored"));
        assertEquals(List.of(), TopicReader.byKey(Topics.ENGINEERING_PULL_REQUESTS_V1, "someone/else#" + number, 1,
                Duration.ofSeconds(3)));
    }

    @Test
    void unsignedForgedOrAlteredDeliveriesAre401AndBadContentIsNamed() {
        long number = NUMBERS.incrementAndGet();
        String body = payload("closed", true, "node-red/node-red", number, Instant.now().toString());
        deliver("pull_request", body, null).statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("Missing X-Hub-Signature-256"));
        deliver("pull_request", body, WebhookSignature.sign("another-secret", body.getBytes(StandardCharsets.UTF_8)))
                .statusCode(401);
        deliver("pull_request", body.replace("node-red/node-red", "FlowFuse/flowfuse"), sign(body)).statusCode(401);
        deliver("pull_request", body, "sha256=").statusCode(401);
        deliver("pull_request", body, sign(body).toUpperCase().replace("SHA256=", "sha256=")).statusCode(200);

        String notJson = "{not json";
        deliver("pull_request", notJson, sign(notJson)).statusCode(400).body("field", equalTo("body"));
        String fractional = payload("closed", true, "node-red/node-red", number, Instant.now().toString())
                .replace("\"number\":" + number + ",\"state\"", "\"number\":2.5,\"state\"");
        deliver("pull_request", fractional, sign(fractional)).statusCode(422).body("field", equalTo("number"));
        String future = payload("closed", true, "node-red/node-red", number, "9999-12-31T00:00:00Z");
        deliver("pull_request", future, sign(future)).statusCode(422).body("field", equalTo("mergedAt"));
        String noTime = payload("closed", true, "node-red/node-red", number, null);
        deliver("pull_request", noTime, sign(noTime)).statusCode(422).body("field", equalTo("mergedAt"));
    }
}
