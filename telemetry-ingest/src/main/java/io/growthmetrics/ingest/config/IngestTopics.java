package io.growthmetrics.ingest.config;

import io.growthmetrics.support.ServiceTopics;
import io.growthmetrics.support.TopicSpec;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The topics telemetry-ingest writes, created or verified at start-up (service-support's TopicStartup). */
@ApplicationScoped
public class IngestTopics implements ServiceTopics {

    private final IngestConfig config;

    public IngestTopics(IngestConfig config) {
        this.config = config;
    }

    @Override
    public List<TopicSpec> topics() {
        return List.of(TopicSpec.history(config.topic()));
    }
}
