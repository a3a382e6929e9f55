package io.growthmetrics.contracts.kpi;

import java.time.Instant;

/**
 * A message on {@code engineering.pull-requests.v1} (key = {@code owner/repo#number}, the repository in lower case):
 * a pull request merged in one of the repositories whose throughput is counted. A pull request counts once, in the
 * ISO week (UTC) of its earliest {@code mergedAt}, however often it is published (a redelivered webhook, a backfill).
 * Schema: {@code schemas/engineering.pull-requests.v1.schema.json}.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param repository    {@code owner/name} as GitHub spells it (compared case-insensitively)
 * @param number        the pull request's number in its repository
 * @param mergedAt      GitHub's {@code merged_at}
 * @param source        {@code webhook} or {@code backfill}
 * @param deliveryId    the webhook's {@code X-GitHub-Delivery}, or {@code backfill:<epoch second>} for a backfill
 */
public record PullRequestMerged(int schemaVersion, String repository, long number, Instant mergedAt, String source,
        String deliveryId) {

    public static final int SCHEMA_VERSION = 1;

    /** The record key: one pull request, whatever the case GitHub spelled its repository in. */
    public String key() {
        return repository.toLowerCase(java.util.Locale.ROOT) + "#" + number;
    }
}
