package io.growthmetrics.snapshot.config;

import io.growthmetrics.contracts.Topics;
import io.growthmetrics.support.ServiceTopics;
import io.growthmetrics.support.TopicSpec;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The topics snapshot-collector reads and writes, created or verified at start-up (service-support's
 * TopicStartup): the feature-adoption history it replays, its dead letters, the daily snapshots, and the KPI inputs it
 * publishes (merged pull requests, KPI figures).
 */
@ApplicationScoped
public class SnapshotTopics implements ServiceTopics {

    @Override
    public List<TopicSpec> topics() {
        return List.of(TopicSpec.history(Topics.FEATURE_ADOPTION_METRICS_V1),
                TopicSpec.deadLetterOf(Topics.FEATURE_ADOPTION_METRICS_V1),
                TopicSpec.history(Topics.SNAPSHOTS_DAILY_V1),
                TopicSpec.history(Topics.ENGINEERING_PULL_REQUESTS_V1),
                TopicSpec.history(Topics.KPI_OBSERVATIONS_V1));
    }
}
