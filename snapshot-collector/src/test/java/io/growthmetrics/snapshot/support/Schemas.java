package io.growthmetrics.snapshot.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.growthmetrics.contracts.EventJson;

import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Checks a record value against its topic's JSON schema (from the contracts module). */
public final class Schemas {

    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private Schemas() {
    }

    public static void assertValid(String topic, String value) {
        JsonSchema schema = SCHEMAS.computeIfAbsent(topic, Schemas::load);
        try {
            JsonNode json = EventJson.mapper().readTree(value);
            Set<ValidationMessage> errors = schema.validate(json);
            assertEquals(Set.of(), errors, topic + ": " + value);
        } catch (java.io.IOException e) {
            throw new AssertionError("Not JSON: " + value, e);
        }
    }

    private static JsonSchema load(String topic) {
        try (InputStream in = Schemas.class.getResourceAsStream("/schemas/" + topic + ".schema.json")) {
            if (in == null) {
                throw new IllegalStateException("No schema for " + topic);
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
