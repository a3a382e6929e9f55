package io.growthmetrics.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "ingest")
public interface IngestConfig {

    /** Largest ping body accepted; larger ones get 413. */
    @WithDefault("65536")
    int maxPingBytes();

    /** Secret for the keyed hash of sender IPs (env TELEMETRY_IP_HASH_KEY); keep it stable, or hashes change. */
    String ipHashKey();

    /** The topic pings go to. */
    @WithDefault("telemetry.pings.v1")
    String topic();

    /** How long a ping waits for Kafka's acknowledgement before the sender gets 503. */
    @WithDefault("15s")
    Duration publishTimeout();

    /** History import: records sent to Kafka and not yet acknowledged, at most (bounds memory). */
    @WithDefault("5000")
    int importMaxInFlight();

    /** History import: rejections listed one by one in the answer (all are counted). */
    @WithDefault("10000")
    int importMaxListedRejections();
}
