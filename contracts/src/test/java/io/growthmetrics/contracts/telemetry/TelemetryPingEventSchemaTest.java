package io.growthmetrics.contracts.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.growthmetrics.contracts.EventJson;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The documented schema and the record agree: what producers write validates, what it forbids does not. */
class TelemetryPingEventSchemaTest {

    private static final JsonSchema SCHEMA = load();

    @Test
    void aFullEventValidatesAndRoundTrips() throws Exception {
        TelemetryPing ping = new TelemetryPing("5db51f99-c6fb-4340-9c19-78adce58cc1b",
                new TelemetryPing.Os("Linux", "6.8.0-52-generic", "x64"),
                new TelemetryPing.Env("v20.19.4", "2.33.2"),
                new TelemetryPing.Platform(
                        new TelemetryPing.Counts(412L, 57L, 138L, new TelemetryPing.ProjectsByState(21L), 964L,
                                new TelemetryPing.DevicesByLastSeen(88L, 702L), 2210L, 6L, 3L, 175L, 12L, 64L, 310L, 4L),
                        new TelemetryPing.Config("kubernetes", new TelemetryPing.Toggle(true),
                                new TelemetryPing.Toggle(true), new TelemetryPing.Toggle(false)),
                        new TelemetryPing.License("4c105579", "EE")));
        TelemetryPingEvent event = new TelemetryPingEvent(1, "0b8f2d4e-6a1c-4e3b-9f7d-2c5a8e1b3d90",
                Instant.parse("2026-11-22T10:00:00.123456Z"), "ping", "a".repeat(64), ping,
                Map.of("certifiedNodes", EventJson.mapper().readTree("{\"node-red-contrib-x\":2}")));
        JsonNode json = EventJson.mapper().valueToTree(event);

        assertEquals(Set.of(), SCHEMA.validate(json));
        assertEquals(event, EventJson.mapper().treeToValue(json, TelemetryPingEvent.class));
        assertEquals("2026-11-22T10:00:00.123456Z", json.get("receivedAt").asText(), "ISO-8601 text, not a number");
    }

    @Test
    void aMinimalEventOfTheOldestReleaseValidates() {
        TelemetryPingEvent event = new TelemetryPingEvent(1, "0b8f2d4e-6a1c-4e3b-9f7d-2c5a8e1b3d90",
                Instant.parse("2022-03-01T09:15:02Z"), "import", null, new TelemetryPing("abc", null, null, null), null);
        JsonNode json = EventJson.mapper().valueToTree(event);
        assertEquals(Set.of(), SCHEMA.validate(json));
        assertFalse(json.has("senderIpHash"), "absent, not null");
        assertTrue(json.get("extras").isEmpty());
    }

    @Test
    void theSchemaRejectsWhatProducersMustNotWrite() {
        ObjectNode json = EventJson.mapper().valueToTree(new TelemetryPingEvent(1, "0b8f2d4e-6a1c-4e3b-9f7d-2c5a8e1b3d90",
                Instant.parse("2022-03-01T09:15:02Z"), "ping", null, new TelemetryPing("abc", null, null, null), null));
        ObjectNode rawIp = json.deepCopy().put("senderIp", "203.0.113.7");
        ObjectNode wrongVersion = json.deepCopy().put("schemaVersion", 2);
        ObjectNode noId = json.deepCopy();
        ((ObjectNode) noId.get("ping")).remove("instanceId");
        for (JsonNode bad : new JsonNode[] {rawIp, wrongVersion, noId}) {
            Set<ValidationMessage> errors = SCHEMA.validate(bad);
            assertFalse(errors.isEmpty(), bad.toString());
        }
    }

    private static JsonSchema load() {
        try (InputStream in = TelemetryPingEventSchemaTest.class.getResourceAsStream("/schemas/telemetry.pings.v1.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
