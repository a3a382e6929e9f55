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

    /** Partitions of a topic this service creates. */
    @WithDefault("3")
    int partitions();

    /** Replication factor of a topic this service creates, and the least an existing topic must have. */
    @WithDefault("1")
    short replicationFactor();

    /** How long start-up waits for the cluster to answer before it gives up. */
    @WithDefault("60s")
    Duration timeout();
}
