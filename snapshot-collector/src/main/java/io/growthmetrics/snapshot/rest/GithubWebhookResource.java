package io.growthmetrics.snapshot.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.kpi.PullRequestMerged;
import io.growthmetrics.contracts.rules.PullRequestMergedRules;
import io.growthmetrics.contracts.rules.StorableText;
import io.growthmetrics.contracts.rules.Violations;
import io.growthmetrics.snapshot.config.SnapshotConfig;
import io.growthmetrics.snapshot.github.PullRequestEvents;
import io.growthmetrics.snapshot.github.WebhookSignature;
import io.growthmetrics.snapshot.messaging.MetricPublisher;
import io.growthmetrics.support.ProblemReplies;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub's {@code pull_request} webhooks, for engineering throughput: a pull request merged in a counted repository
 * ({@code snapshot.github.repositories}) is published to {@code engineering.pull-requests.v1}. The signature is the
 * authentication (no bearer token: GitHub cannot send one). A redelivery, or a pull request reported merged twice,
 * is published again and counted once by kpi-service (one row per repository and number, at the earliest merge).
 */
@Path("/github/webhook")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class GithubWebhookResource {

    private static final Logger LOG = Logger.getLogger(GithubWebhookResource.class);
    private static final List<String> BODY = List.of("body");

    private final SnapshotConfig config;
    private final PullRequestEvents events;
    private final MetricPublisher publisher;
    private final MeterRegistry registry;

    public GithubWebhookResource(SnapshotConfig config, MetricPublisher publisher, MeterRegistry registry) {
        this.config = config;
        this.events = new PullRequestEvents(config.github().repositories());
        this.publisher = publisher;
        this.registry = registry;
    }

    /** Each outcome exists from the start at 0, so signature failures read 0 rather than "no data". */
    void countOutcomesFromZero(@Observes StartupEvent start) {
        for (String outcome : List.of("published", "ignored", "rejected", "refused", "unavailable")) {
            registry.counter("snapshot.github.webhooks", "outcome", outcome);
        }
    }

    @POST
    @Operation(summary = "Receive a GitHub webhook",
            description = "X-Hub-Signature-256 is verified on the raw body against GITHUB_WEBHOOK_SECRET (constant-time). "
                    + "pull_request events closed with merged: true in a counted repository are published to "
                    + "engineering.pull-requests.v1 and answered 200 {\"status\":\"published\"} once Kafka has them; ping "
                    + "and every other event or action: 200 {\"status\":\"ignored\"} with the reason. 401 for a missing "
                    + "or wrong signature, 400 for a body that is not JSON, 422 naming the field for a merged pull "
                    + "request that breaks the rules, 503 when Kafka is unavailable or no secret is configured.")
    public Response receive(byte[] body, @HeaderParam("X-Hub-Signature-256") String signature,
            @HeaderParam("X-GitHub-Event") String event, @HeaderParam("X-GitHub-Delivery") String delivery) {
        Optional<String> secret = config.github().webhookSecret().map(String::strip).filter(s -> !s.isEmpty());
        if (secret.isEmpty()) {
            return counted("disabled", ProblemReplies.error(503,
                    "GitHub webhooks are disabled: set GITHUB_WEBHOOK_SECRET to the webhook's secret"));
        }
        byte[] raw = body == null ? new byte[0] : body;
        if (!WebhookSignature.matches(secret.get(), raw, signature)) {
            return counted("rejected", ProblemReplies.error(401, signature == null ? "Missing X-Hub-Signature-256"
                    : "X-Hub-Signature-256 does not match the body signed with the webhook's secret"));
        }
        if (!"pull_request".equals(event)) {
            return counted("ignored", reply(200, "ignored", "event " + shown(event) + " does not count", null));
        }
        String utf8 = StorableText.utf8Problem(raw);
        JsonNode payload;
        try {
            payload = utf8 != null ? null : EventJson.mapper().readTree(raw);
        } catch (Exception e) {
            payload = null;
        }
        if (payload == null || !payload.isObject()) {
            return counted("rejected", ProblemReplies.error(400, "The body is not a JSON object"
                    + (utf8 == null ? "" : ": it " + utf8), null, BODY));
        }
        String deliveryId = delivery == null || delivery.isBlank() ? null : delivery.strip();
        PullRequestEvents.Outcome outcome = events.fromWebhook(payload, deliveryId);
        if (outcome.merged() == null) {
            return counted("ignored", reply(200, "ignored", outcome.ignored(), null));
        }
        PullRequestMerged merged = outcome.merged();
        Violations violations = PullRequestMergedRules.check(merged, Instant.now());
        if (!violations.isEmpty()) {
            LOG.warnf("GitHub delivery %s refused: %s", shown(deliveryId), violations.summary());
            return counted("refused", ProblemReplies.error(422, "The merged pull request breaks the rules of "
                    + Topics.ENGINEERING_PULL_REQUESTS_V1 + ": " + violations.summary(), violations.list(),
                    violations.fields()));
        }
        try {
            publisher.publishAndWait(Topics.ENGINEERING_PULL_REQUESTS_V1, merged.key(), merged);
        } catch (MetricPublisher.UnavailableException e) {
            LOG.warnf("GitHub delivery %s not published: %s", shown(deliveryId), e.getMessage());
            return counted("unavailable", ProblemReplies.error(503, "Kafka is unavailable; GitHub may redeliver"));
        }
        return counted("published", reply(200, "published", null, merged.key()));
    }

    private static Response reply(int status, String outcome, String reason, String key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", outcome);
        if (reason != null) {
            body.put("reason", reason);
        }
        if (key != null) {
            body.put("key", key);
        }
        return ProblemReplies.json(status, body).build();
    }

    /** Text from the request, fit for a reply or a log line. */
    private static String shown(String text) {
        if (text == null) {
            return "(none)";
        }
        String clean = text.replaceAll("[\\p{Cntrl}\\uD800-\\uDFFF]", "?");
        return clean.length() <= 100 ? clean : clean.substring(0, 100) + "…";
    }

    private Response counted(String outcome, Response response) {
        registry.counter("snapshot.github.webhooks", "outcome", outcome).increment();
        return response;
    }
}
