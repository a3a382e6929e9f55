package io.growthmetrics.snapshot.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "snapshot")
public interface SnapshotConfig {

    /** How long a request waits for Kafka's acknowledgement before it gets 503 (env SNAPSHOT_PUBLISH_TIMEOUT). */
    @WithDefault("10s")
    Duration publishTimeout();

    /** How long taking a snapshot waits for the in-memory history to reach the topic's end. */
    @WithDefault("20s")
    Duration catchUpTimeout();

    Schedule schedule();

    Platform platform();

    /** Engineering throughput: merged pull requests from GitHub (webhook and backfill). */
    Github github();

    interface Schedule {
        /** Quartz cron (with seconds), UTC; "off" disables the daily run. */
        @WithDefault("0 5 0 * * ?")
        String cron();
    }

    interface Platform {
        /** Base URL of the hosted platform (env SNAPSHOT_PLATFORM_URL); empty = the built-in collector is off. */
        Optional<String> url();

        /** Bearer token of scope platform:stats (env SNAPSHOT_PLATFORM_TOKEN). */
        Optional<String> token();

        @WithDefault("5s")
        Duration connectTimeout();

        /** Per try, until the response headers arrive. */
        @WithDefault("20s")
        Duration requestTimeout();

        /** Tries in all (the first one included). */
        @WithDefault("3")
        int attempts();

        /** Wait before the second try; doubled before each further one. */
        @WithDefault("2s")
        Duration backoff();
    }

    interface Github {
        /** The webhook's secret (env GITHUB_WEBHOOK_SECRET); without one, POST /github/webhook answers 503. */
        Optional<String> webhookSecret();

        /** The repositories whose merged pull requests count (owner/name, compared case-insensitively). */
        @WithDefault("FlowFuse/flowfuse,FlowFuse/device-agent,FlowFuse/node-red-dashboard,node-red/node-red")
        List<String> repositories();

        /** The GitHub REST API's base URL (env GITHUB_API_URL), for the backfill. */
        @WithDefault("https://api.github.com")
        String apiUrl();

        /** A token for the backfill (env GITHUB_TOKEN): read access to the repositories' pull requests. */
        Optional<String> token();

        /** Per request of the backfill. */
        @WithDefault("20s")
        Duration requestTimeout();

        /** The longest the backfill waits for a rate limit to reset before it gives up (and says so). */
        @WithDefault("5m")
        Duration maxRateLimitWait();
    }
}
