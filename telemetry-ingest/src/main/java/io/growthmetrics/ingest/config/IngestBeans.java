package io.growthmetrics.ingest.config;

import io.growthmetrics.contracts.rules.JsonLimits;
import io.growthmetrics.ingest.domain.IpHasher;
import io.growthmetrics.ingest.domain.PingEvents;
import io.growthmetrics.ingest.domain.PingJson;
import io.growthmetrics.ingest.domain.PingParser;
import io.growthmetrics.ingest.domain.RateLimiter;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Clock;

/** Wires the framework-free domain classes into CDI, and refuses to start on limits kpi-service would not store. */
public class IngestBeans {

    /** quarkus-rest's buffer of a request body before the resource method runs (fixed at build time). */
    static final String INPUT_BUFFER = "quarkus.rest.input-buffer-size";
    private static final long DEFAULT_INPUT_BUFFER_BYTES = 10 * 1024;

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

    @Produces
    @ApplicationScoped
    PingJson pingJson(IngestConfig config) {
        IngestConfig.Limits l = config.limits();
        return new PingJson(l.nestingDepth(), l.stringLength(), l.keyLength(), l.numberLength(), l.keyCount());
    }

    @Produces
    @ApplicationScoped
    RateLimiter rateLimiter(IngestConfig config) {
        return new RateLimiter(config.rateLimit().pingsPerMinute(), Clock.systemUTC());
    }

    /** Limits looser than the contracts' defaults would let in pings kpi-service then dead-letters: refuse loudly. */
    void checkLimits(@Observes StartupEvent start, IngestConfig config) {
        check(config, ConfigProvider.getConfig().getOptionalValue(INPUT_BUFFER, MemorySize.class)
                .map(MemorySize::asLongValue).orElse(DEFAULT_INPUT_BUFFER_BYTES));
    }

    static void check(IngestConfig config, long inputBufferBytes) {
        IngestConfig.Limits l = config.limits();
        // PingResource runs on the I/O thread and may read only what quarkus-rest has buffered: body-bytes + 1.
        if (l.bodyBytes() >= inputBufferBytes) {
            throw new IllegalStateException("ingest.limits.body-bytes (" + l.bodyBytes() + ") must be below "
                    + INPUT_BUFFER + " (" + inputBufferBytes + " bytes, set at build time): a ping body is read "
                    + "whole before it is handled");
        }
        if (!l.json().within(JsonLimits.DEFAULT)) {
            throw new IllegalStateException("ingest.limits.* must not be looser than the contracts' JsonLimits.DEFAULT "
                    + JsonLimits.DEFAULT + " (kpi-service checks pings against it before storing), got " + l.json());
        }
        if (l.bodyBytes() < 1 || l.keyCount() < 1 || l.numberLength() < 1 || l.csvLineLength() < 1 || l.csvRecords() < 1
                || l.nestingDepth() < 3) {
            throw new IllegalStateException("ingest.limits.* must be positive (nesting-depth at least 3: a ping nests "
                    + "platform.counts.projectsByState)");
        }
        if (config.rateLimit().pingsPerMinute() < 0) {
            throw new IllegalStateException("ingest.rate-limit.pings-per-minute must be 0 (off) or more");
        }
        if (config.publishTimeout().isNegative() || config.publishTimeout().isZero()) {
            throw new IllegalStateException("ingest.publish-timeout must be positive");
        }
    }
}
