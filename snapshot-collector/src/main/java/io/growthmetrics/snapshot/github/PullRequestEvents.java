package io.growthmetrics.snapshot.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.growthmetrics.contracts.kpi.PullRequestMerged;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a GitHub {@code pull_request} payload (webhook) or pull request (REST API) means for engineering throughput:
 * a {@link PullRequestMerged} when it was merged ({@code merged_at} set; for a webhook, action {@code closed} with
 * {@code merged: true}) in a counted repository, else the reason it does not count.
 */
public final class PullRequestEvents {

    /** A merged pull request to publish, or why there is none. */
    public record Outcome(PullRequestMerged merged, String ignored) {

        static Outcome ignored(String reason) {
            return new Outcome(null, reason);
        }
    }

    private final Set<String> repositories;

    public PullRequestEvents(Collection<String> repositories) {
        this.repositories = repositories.stream().map(r -> r.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    public boolean counts(String repository) {
        return repository != null && repositories.contains(repository.toLowerCase(Locale.ROOT));
    }

    /** A webhook's {@code pull_request} payload. */
    public Outcome fromWebhook(JsonNode payload, String deliveryId) {
        String action = text(payload.path("action"));
        if (!"closed".equals(action)) {
            return Outcome.ignored("action " + action + " is not a merge");
        }
        JsonNode pr = payload.path("pull_request");
        if (!pr.path("merged").isBoolean() || !pr.path("merged").booleanValue()) {
            return Outcome.ignored("closed without being merged");
        }
        return merged(text(payload.path("repository").path("full_name")), pr, "webhook", deliveryId);
    }

    /** A pull request as the REST API lists it ({@code GET /repos/{owner}/{repo}/pulls}). */
    public Outcome fromApi(String repository, JsonNode pr, String deliveryId) {
        if (pr.path("merged_at").isNull() || pr.path("merged_at").isMissingNode()) {
            return Outcome.ignored("not merged");
        }
        return merged(repository, pr, "backfill", deliveryId);
    }

    private Outcome merged(String repository, JsonNode pr, String source, String deliveryId) {
        if (!counts(repository)) {
            return Outcome.ignored("repository " + repository + " is not counted");
        }
        JsonNode number = pr.path("number");
        Instant mergedAt;
        try {
            mergedAt = Instant.parse(text(pr.path("merged_at")));
        } catch (DateTimeParseException | NullPointerException e) {
            mergedAt = null; // refused by the rules, naming mergedAt
        }
        // a number that is not a whole one within a long is refused by the rules (as 0), never rounded
        long value = number.isIntegralNumber() && number.canConvertToLong() ? number.longValue() : 0;
        return new Outcome(new PullRequestMerged(PullRequestMerged.SCHEMA_VERSION, repository, value, mergedAt, source,
                deliveryId), null);
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.textValue() : null;
    }
}
