package io.growthmetrics.ingest.config;

import io.growthmetrics.ingest.domain.IpHasher;
import io.growthmetrics.ingest.domain.PingEvents;
import io.growthmetrics.ingest.domain.PingParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Wires the framework-free domain classes into CDI. */
public class IngestBeans {

    @Produces
    @ApplicationScoped
    PingParser pingParser() {
        return new PingParser();
    }

    @Produces
    @ApplicationScoped
    PingEvents pingEvents(IngestConfig config) {
        return new PingEvents(new IpHasher(config.ipHashKey()));
    }
}
