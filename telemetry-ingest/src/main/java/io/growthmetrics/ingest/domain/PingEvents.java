package io.growthmetrics.ingest.domain;

import io.growthmetrics.contracts.telemetry.TelemetryPingEvent;
import io.growthmetrics.ingest.domain.PingParser.ParsedPing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Builds the envelopes published for a ping, live or imported. */
public final class PingEvents {

    private final IpHasher ipHasher;

    public PingEvents(IpHasher ipHasher) {
        this.ipHasher = ipHasher;
    }

    /** A ping received now over HTTP: a fresh event id. */
    public TelemetryPingEvent live(ParsedPing parsed, Instant receivedAt, String senderIp) {
        return liveFromHash(parsed, receivedAt, ipHasher.hash(senderIp));
    }

    /** The keyed hash of a sender's address (null without one): all that is ever kept of it. */
    public String senderHash(String senderIp) {
        return ipHasher.hash(senderIp);
    }

    /** As {@link #live}, the sender's address already hashed with {@link #senderHash}. */
    public TelemetryPingEvent liveFromHash(ParsedPing parsed, Instant receivedAt, String senderIpHash) {
        return new TelemetryPingEvent(TelemetryPingEvent.SCHEMA_VERSION, UUID.randomUUID().toString(),
                receivedAt.truncatedTo(ChronoUnit.MICROS), TelemetryPingEvent.SOURCE_PING, senderIpHash,
                parsed.ping(), parsed.extras());
    }

    /**
     * A ping from the old collector's table. Its id derives from the table's primary key (receive time, instanceId),
     * so importing the same rows again yields the same events, which consumers drop as repeats.
     */
    public TelemetryPingEvent imported(ParsedPing parsed, Instant receivedAt, String senderIp) {
        Instant micros = receivedAt.truncatedTo(ChronoUnit.MICROS);
        String key = "pings-import|" + parsed.ping().instanceId() + "|" + micros;
        return new TelemetryPingEvent(TelemetryPingEvent.SCHEMA_VERSION,
                UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString(), micros,
                TelemetryPingEvent.SOURCE_IMPORT, ipHasher.hash(senderIp), parsed.ping(), parsed.extras());
    }
}
