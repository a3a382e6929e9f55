package io.growthmetrics.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.telemetry.TelemetryPing;
import io.growthmetrics.ingest.domain.PingParser.ParsedPing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PingParserTest {

    private static final ObjectMapper JSON = EventJson.mapper();
    private final PingParser parser = new PingParser();

    /**
     * The cumulative field sets of each release (reference §1.6), written out here independently of
     * {@link PingField}, so a field the parser forgot shows up as a test failure.
     */
    private static final Map<String, List<String>> ADDED_IN = new LinkedHashMap<>();

    static {
        ADDED_IN.put("0.2.0", List.of("instanceId", "os.type", "os.release", "os.arch", "env.nodejs", "env.flowforge",
                "platform.counts.users", "platform.counts.teams", "platform.counts.projects", "platform.config.driver"));
        ADDED_IN.put("0.6.0", List.of("platform.counts.devices", "platform.counts.projectSnapshots",
                "platform.counts.projectTemplates", "platform.counts.projectStacks"));
        ADDED_IN.put("1.2.0", List.of("platform.config.broker.enabled", "platform.config.fileStore.enabled",
                "platform.config.email.enabled"));
        ADDED_IN.put("1.3.0", List.of("platform.counts.libraryEntries", "platform.counts.sharedLibraryEntries"));
        ADDED_IN.put("1.5.0", List.of("platform.license.id", "platform.license.type"));
        ADDED_IN.put("1.7.0", List.of("platform.counts.projectsByState.suspended"));
        ADDED_IN.put("2.7.0", List.of("platform.counts.blueprints"));
        ADDED_IN.put("2.11.0", List.of("platform.counts.teamBrokerClients"));
        ADDED_IN.put("2.15.0", List.of("platform.counts.devicesByLastSeen.never", "platform.counts.devicesByLastSeen.day",
                "platform.counts.remoteBrokers"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.2.0", "0.6.0", "1.2.0", "1.3.0", "1.5.0", "1.7.0", "2.7.0", "2.11.0", "2.15.0"})
    void everyReleaseFieldSetIsTypedWithNothingLeftInExtras(String release) throws Exception {
        List<String> fields = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : ADDED_IN.entrySet()) {
            fields.addAll(e.getValue());
            if (e.getKey().equals(release)) {
                break;
            }
        }
        ObjectNode full = (ObjectNode) fixture("current-k8s-ee.json");
        ObjectNode ping = keepOnly(full, fields);

        ParsedPing parsed = parser.parse(ping);

        assertEquals(Map.of(), parsed.extras(), "no known field of " + release + " may end up as an extra");
        JsonNode typed = asSent(parsed.ping());
        for (String field : fields) {
            assertEquals(at(full, field), at(typed, field), field + " of release " + release);
        }
        assertEquals(fields.size(), leafPaths(typed).size(), "exactly the sent fields, no more");
    }

    @Test
    void currentFixturesRoundTripExactly() throws Exception {
        for (String name : List.of("current-docker-ce.json", "current-k8s-ee.json", "v1.0-localfs-minimal.json")) {
            JsonNode sent = fixture(name);
            ParsedPing parsed = parser.parse(sent);
            assertEquals(sent, asSent(parsed.ping()), name);
            assertTrue(parsed.extras().isEmpty(), name);
        }
    }

    @Test
    void unknownFieldsAtAnyDepthAreKeptAsExtrasByDottedPath() throws Exception {
        ObjectNode ping = (ObjectNode) fixture("current-docker-ce.json");
        ping.putObject("certifiedNodes").put("@flowfuse/node-red-dashboard", 3);
        ping.put("topLevelNew", "x");
        ((ObjectNode) ping.at("/platform/counts")).put("pipelines", 7);
        ((ObjectNode) ping.at("/platform/counts/devicesByLastSeen")).put("week", 11);
        ((ObjectNode) ping.at("/platform/config")).putObject("ha").put("enabled", true);

        ParsedPing parsed = parser.parse(ping);

        assertEquals(JSON.readTree("{\"@flowfuse/node-red-dashboard\":3}"), parsed.extras().get("certifiedNodes"));
        assertEquals("x", parsed.extras().get("topLevelNew").asText());
        assertEquals(7, parsed.extras().get("platform.counts.pipelines").asInt());
        assertEquals(11, parsed.extras().get("platform.counts.devicesByLastSeen.week").asInt());
        assertEquals(JSON.readTree("{\"enabled\":true}"), parsed.extras().get("platform.config.ha"));
        assertEquals(5, parsed.extras().size());
        assertEquals(41L, parsed.ping().platform().counts().devices());
    }

    @Test
    void absentAndNullOptionalFieldsAreFine() throws Exception {
        ParsedPing parsed = parser.parse(JSON.readTree("{\"instanceId\":\"abc\",\"os\":null,\"env\":{\"flowforge\":null}}"));
        TelemetryPing ping = parsed.ping();
        assertEquals("abc", ping.instanceId());
        assertNull(ping.os());
        assertNull(ping.env());
        assertNull(ping.platform());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}                                                   | Missing required property: instanceId",
            "{\"instanceId\":\"  \"}                              | Missing required property: instanceId",
            "{\"instanceId\":42}                                  | Field 'instanceId' must be a string, got number 42",
            "{\"instanceId\":\"a\",\"os\":\"Linux\"}              | Field 'os' must be a JSON object, got string \"Linux\"",
            "{\"instanceId\":\"a\",\"platform\":{\"counts\":{\"users\":\"12\"}}} | Field 'platform.counts.users' must be a whole number from 0 to 2147483647, got string \"12\"",
            "{\"instanceId\":\"a\",\"platform\":{\"counts\":{\"users\":1.5}}}    | Field 'platform.counts.users' must be a whole number from 0 to 2147483647, got number 1.5",
            "{\"instanceId\":\"a\",\"platform\":{\"counts\":{\"users\":-1}}}     | Field 'platform.counts.users' must be a whole number from 0 to 2147483647, got number -1",
            "{\"instanceId\":\"a\",\"platform\":{\"counts\":{\"users\":3000000000}}} | Field 'platform.counts.users' must be a whole number from 0 to 2147483647, got number 3000000000",
            "{\"instanceId\":\"a\",\"platform\":{\"config\":{\"email\":{\"enabled\":\"yes\"}}}} | Field 'platform.config.email.enabled' must be true or false, got string \"yes\"",
            "{\"instanceId\":\"a\",\"platform\":{\"license\":{\"type\":\"ENTERPRISE-PLUS-TRIAL\"}}} | Field 'platform.license.type' is longer than 16 characters",
            "[1,2]                                                | The request body must be a JSON object, got array [1,2]",
    })
    void badPingsAreRefusedWithAClearMessage(String body, String message) throws Exception {
        InvalidPingException e = assertThrows(InvalidPingException.class, () -> parser.parse(JSON.readTree(body)));
        assertEquals(message.trim(), e.getMessage());
    }

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = PingParserTest.class.getResourceAsStream("/pings/" + name)) {
            return JSON.readTree(in);
        }
    }

    /** The typed ping as it would go on the wire (so numbers compare by value, not by Java type). */
    private static JsonNode asSent(TelemetryPing ping) throws IOException {
        return JSON.readTree(JSON.writeValueAsString(ping));
    }

    private static JsonNode at(JsonNode node, String dotted) {
        return node.at("/" + dotted.replace('.', '/'));
    }

    private static ObjectNode keepOnly(ObjectNode full, List<String> fields) {
        ObjectNode result = JSON.createObjectNode();
        for (String field : fields) {
            String[] parts = field.split("\\.");
            ObjectNode node = result;
            for (int i = 0; i < parts.length - 1; i++) {
                node = node.has(parts[i]) ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
            }
            node.set(parts[parts.length - 1], at(full, field));
        }
        return result;
    }

    private static List<String> leafPaths(JsonNode node) {
        List<String> paths = new ArrayList<>();
        collect(node, "", paths);
        return paths;
    }

    private static void collect(JsonNode node, String prefix, List<String> paths) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue().isObject()) {
                collect(e.getValue(), path, paths);
            } else {
                paths.add(path);
            }
        }
    }
}
