package io.growthmetrics.contracts.telemetry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Map;

/**
 * Envelope of one installation ping on {@code telemetry.pings.v1} (schema: {@code schemas/telemetry.pings.v1.schema.json}).
 *
 * @param schemaVersion always {@link #SCHEMA_VERSION} on this topic
 * @param eventId       unique id of the ping; a replayed or re-imported ping keeps its id, so consumers drop repeats
 * @param receivedAt    when the collector received the ping (its own clock, UTC); for imports, the original receive time
 * @param source        {@code ping} (live HTTP) or {@code import} (history import)
 * @param senderIpHash  keyed hash (HMAC-SHA256, hex) of the sender's IP address; never the address itself; null if unknown
 * @param ping          the fields the ingest knows, typed, in the sender's nested shape
 * @param extras        every field the ingest does not know, keyed by its dotted path, value as sent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TelemetryPingEvent(
        int schemaVersion,
        String eventId,
        Instant receivedAt,
        String source,
        String senderIpHash,
        TelemetryPing ping,
        Map<String, JsonNode> extras) {

    public static final int SCHEMA_VERSION = 1;
    public static final String SOURCE_PING = "ping";
    public static final String SOURCE_IMPORT = "import";

    public TelemetryPingEvent {
        extras = extras == null ? Map.of() : extras;
    }
}
