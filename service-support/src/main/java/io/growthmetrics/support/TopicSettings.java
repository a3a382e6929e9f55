package io.growthmetrics.support;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How topics are created and checked at start-up ({@code growth.topics.*}). */
@ConfigMapping(prefix = "growth.topics")
public interface TopicSettings {

    /** Create missing topics (false: a missing topic stops the start, naming it). */
    @WithDefault("true")
    boolean create();

    /**
     * Partitions of a topic this service creates: enough for several consumer instances to share a topic (keys keep
     * an installation's or a subscription's records on one partition). An existing topic keeps its partitions.
     */
    @WithDefault("6")
    int partitions();

    /** Replication factor of a topic this service creates, and the least an existing topic must have. */
    @WithDefault("1")
    short replicationFactor();

    /** How long start-up waits for the cluster to answer before it gives up. */
    @WithDefault("60s")
    Duration timeout();
}
