package io.growthmetrics.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.growthmetrics.contracts.telemetry.TelemetryPing;
import io.growthmetrics.contracts.telemetry.TelemetryPing.Config;
import io.growthmetrics.contracts.telemetry.TelemetryPing.Counts;
import io.growthmetrics.contracts.telemetry.TelemetryPing.DevicesByLastSeen;
import io.growthmetrics.contracts.telemetry.TelemetryPing.Env;
import io.growthmetrics.contracts.telemetry.TelemetryPing.License;
import io.growthmetrics.contracts.telemetry.TelemetryPing.Os;
import io.growthmetrics.contracts.telemetry.TelemetryPing.Platform;
import io.growthmetrics.contracts.telemetry.TelemetryPing.ProjectsByState;
import io.growthmetrics.contracts.telemetry.TelemetryPing.Toggle;

import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import static io.growthmetrics.ingest.domain.PingField.*;

/**
 * Turns a ping body into its typed fields plus extras. Strict on the types of the fields it knows (the real
 * collector's INSERT fails on a string in an INTEGER column, and so do we, with a clearer message), lenient on
 * everything else: absent fields are fine, JSON null counts as absent, unknown fields at any depth are kept.
 */
public final class PingParser {

    /** The typed ping and every unknown field by dotted path. */
    public record ParsedPing(TelemetryPing ping, Map<String, JsonNode> extras) {
    }

    public ParsedPing parse(JsonNode body) throws InvalidPingException {
        if (body == null || !body.isObject()) {
            throw new InvalidPingException("The request body must be a JSON object, got " + describe(body));
        }
        Map<PingField, JsonNode> known = new EnumMap<>(PingField.class);
        Map<String, JsonNode> extras = new LinkedHashMap<>();
        walk(body, "", known, extras);

        JsonNode instanceId = known.get(INSTANCE_ID);
        if (instanceId == null || instanceId.asText().isBlank()) {
            throw new InvalidPingException("Missing required property: instanceId");
        }
        return new ParsedPing(toPing(known), extras);
    }

    private static void walk(JsonNode node, String prefix, Map<PingField, JsonNode> known, Map<String, JsonNode> extras)
            throws InvalidPingException {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            String path = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
            JsonNode value = entry.getValue();
            PingField field = PingField.byPath(path).orElse(null);
            if (field != null) {
                if (!value.isNull()) {
                    checkType(field, value);
                    known.put(field, value);
                }
            } else if (PingField.isContainer(path)) {
                if (value.isObject()) {
                    walk(value, path, known, extras);
                } else if (!value.isNull()) {
                    throw new InvalidPingException("Field '" + path + "' must be a JSON object, got " + describe(value));
                }
            } else {
                extras.put(path, value);
            }
        }
    }

    private static void checkType(PingField field, JsonNode value) throws InvalidPingException {
        switch (field.type()) {
            case STRING -> {
                if (!value.isTextual()) {
                    throw wrongType(field, "a string", value);
                }
                if (value.asText().length() > field.maxLength()) {
                    throw new InvalidPingException("Field '" + field.path() + "' is longer than "
                            + field.maxLength() + " characters");
                }
            }
            case INTEGER -> {
                // The collector's columns are PostgreSQL INTEGER: whole numbers from 0 (counts) to 2^31-1.
                if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0) {
                    throw wrongType(field, "a whole number from 0 to " + Integer.MAX_VALUE, value);
                }
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw wrongType(field, "true or false", value);
                }
            }
        }
    }

    private static InvalidPingException wrongType(PingField field, String expected, JsonNode value) {
        return new InvalidPingException("Field '" + field.path() + "' must be " + expected + ", got " + describe(value));
    }

    private static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        String text = value.toString();
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return value.getNodeType().name().toLowerCase() + " " + shown;
    }

    private static TelemetryPing toPing(Map<PingField, JsonNode> known) {
        Os os = allNull(str(known, OS_TYPE), str(known, OS_RELEASE), str(known, OS_ARCH)) ? null
                : new Os(str(known, OS_TYPE), str(known, OS_RELEASE), str(known, OS_ARCH));
        Env env = allNull(str(known, ENV_NODEJS), str(known, ENV_FLOWFORGE)) ? null
                : new Env(str(known, ENV_NODEJS), str(known, ENV_FLOWFORGE));

        ProjectsByState byState = num(known, PROJECTS_SUSPENDED) == null ? null
                : new ProjectsByState(num(known, PROJECTS_SUSPENDED));
        DevicesByLastSeen lastSeen = allNull(num(known, DEVICES_NEVER_SEEN), num(known, DEVICES_SEEN_DAY)) ? null
                : new DevicesByLastSeen(num(known, DEVICES_NEVER_SEEN), num(known, DEVICES_SEEN_DAY));
        Counts counts = new Counts(num(known, USERS), num(known, TEAMS), num(known, PROJECTS), byState,
                num(known, DEVICES), lastSeen, num(known, PROJECT_SNAPSHOTS), num(known, PROJECT_TEMPLATES),
                num(known, PROJECT_STACKS), num(known, LIBRARY_ENTRIES), num(known, BLUEPRINTS),
                num(known, SHARED_LIBRARY_ENTRIES), num(known, TEAM_BROKER_CLIENTS), num(known, REMOTE_BROKERS));
        if (counts.equals(new Counts(null, null, null, null, null, null, null, null, null, null, null, null, null, null))) {
            counts = null;
        }
        Config config = allNull(str(known, DRIVER), toggle(known, BROKER_ENABLED), toggle(known, FILE_STORE_ENABLED),
                toggle(known, EMAIL_ENABLED)) ? null
                : new Config(str(known, DRIVER), toggle(known, BROKER_ENABLED), toggle(known, FILE_STORE_ENABLED),
                        toggle(known, EMAIL_ENABLED));
        License license = allNull(str(known, LICENSE_ID), str(known, LICENSE_TYPE)) ? null
                : new License(str(known, LICENSE_ID), str(known, LICENSE_TYPE));
        Platform platform = allNull(counts, config, license) ? null : new Platform(counts, config, license);
        return new TelemetryPing(str(known, INSTANCE_ID), os, env, platform);
    }

    private static boolean allNull(Object... values) {
        return Stream.of(values).allMatch(Objects::isNull);
    }

    private static String str(Map<PingField, JsonNode> known, PingField field) {
        JsonNode v = known.get(field);
        return v == null ? null : v.asText();
    }

    private static Long num(Map<PingField, JsonNode> known, PingField field) {
        JsonNode v = known.get(field);
        return v == null ? null : v.asLong();
    }

    private static Toggle toggle(Map<PingField, JsonNode> known, PingField field) {
        JsonNode v = known.get(field);
        return v == null ? null : new Toggle(v.asBoolean());
    }
}
