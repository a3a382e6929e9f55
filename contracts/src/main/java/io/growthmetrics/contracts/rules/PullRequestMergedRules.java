package io.growthmetrics.contracts.rules;

import io.growthmetrics.contracts.kpi.PullRequestMerged;

import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of an {@code engineering.pull-requests.v1} record, as kpi-service's {@code merged_pull_request} stores
 * it: {@code owner/name} ({@code varchar(200)}, GitHub's characters), a positive number, {@code mergedAt} within
 * {@link EventTimes}, the source {@code webhook} or {@code backfill}, the delivery id ({@code varchar(128)}).
 */
public final class PullRequestMergedRules {

    public static final int REPOSITORY = 200;
    /** GitHub owners and repository names: letters, digits, {@code - _ .}. */
    public static final Pattern REPOSITORY_NAME = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
    public static final Set<String> SOURCES = Set.of("webhook", "backfill");
    public static final int DELIVERY_ID = 128;

    private PullRequestMergedRules() {
    }

    public static Violations check(PullRequestMerged p, Instant now) {
        Violations v = new Violations().requiredText("repository", p.repository(), REPOSITORY);
        if (p.repository() != null && p.repository().length() <= REPOSITORY
                && !REPOSITORY_NAME.matcher(p.repository()).matches()) {
            v.field("repository", "'repository' must be owner/name, e.g. FlowFuse/flowfuse");
        }
        v.range("number", p.number(), 1, Long.MAX_VALUE)
                .required("mergedAt", p.mergedAt())
                .instant("mergedAt", p.mergedAt(), EventTimes.EARLIEST, EventTimes.latestObservation(now))
                .text("deliveryId", p.deliveryId(), DELIVERY_ID);
        if (p.source() == null || !SOURCES.contains(p.source())) {
            v.field("source", "'source' must be webhook or backfill");
        }
        return v;
    }
}
