package io.growthmetrics.ingest.config;

import io.growthmetrics.contracts.rules.JsonLimits;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "ingest")
public interface IngestConfig {

    /** Secret for the keyed hash of sender IPs (env TELEMETRY_IP_HASH_KEY); keep it stable, or hashes change. */
    String ipHashKey();

    /** The topic pings go to. */
    @WithDefault("telemetry.pings.v1")
    String topic();

    /** The longest a ping waits for Kafka (sending and acknowledgement together) before the sender gets 503. */
    @WithDefault("10s")
    Duration publishTimeout();

    /** History import: records sent to Kafka and not yet acknowledged, at most (bounds memory). */
    @WithDefault("5000")
    int importMaxInFlight();

    /** History import: rejections listed one by one in the answer (all are counted). */
    @WithDefault("10000")
    int importMaxListedRejections();

    /** What a ping body and an imported row may hold; beyond it, 400 (413 for the body size) naming the rule. */
    Limits limits();

    RateLimit rateLimit();

    interface Limits {

        /** Bytes of a ping body; larger ones get 413. */
        @WithDefault("65536")
        int bodyBytes();

        /** Containers inside containers below the body's top object (extras are checked with the same depth). */
        @WithDefault("" + JsonLimits.DEFAULT_MAX_DEPTH)
        int nestingDepth();

        /** Characters of a string value anywhere in a ping (known fields have their column sizes, smaller). */
        @WithDefault("" + JsonLimits.DEFAULT_MAX_STRING_LENGTH)
        int stringLength();

        /** Characters of an object key. */
        @WithDefault("" + JsonLimits.DEFAULT_MAX_KEY_LENGTH)
        int keyLength();

        /** Keys in one body, all objects together (for a CSV row: its columns). */
        @WithDefault("" + JsonLimits.DEFAULT_MAX_KEYS)
        int keyCount();

        /** Characters of one number as sent. */
        @WithDefault("" + JsonLimits.DEFAULT_MAX_NUMBER_LENGTH)
        int numberLength();

        /** Number range: digits before the decimal point. */
        @WithDefault("" + JsonLimits.DEFAULT_MAX_INTEGER_DIGITS)
        int numberIntegerDigits();

        /** Number range: significant digits after the decimal point. */
        @WithDefault("" + JsonLimits.DEFAULT_MAX_FRACTION_DIGITS)
        int numberFractionDigits();

        /** Characters of one physical line of an imported CSV; a longer line is rejected (the import goes on). */
        @WithDefault("65536")
        int csvLineLength();

        /** Records of one CSV import; the import stops after them ({@code complete: false}). */
        @WithDefault("10000000")
        long csvRecords();

        /** The limits for free-form JSON (the extras), as the contracts' rules take them. */
        default JsonLimits json() {
            return new JsonLimits(nestingDepth(), keyLength(), stringLength(), numberIntegerDigits(),
                    numberFractionDigits());
        }
    }

    interface RateLimit {

        /** Pings accepted per sender (by keyed IP hash) per minute; more get 429 with Retry-After. 0 = no limit. */
        @WithDefault("0")
        int pingsPerMinute();
    }
}
