package io.growthmetrics.ingest.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.telemetry.TelemetryPingEvent;
import io.growthmetrics.ingest.support.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class PingResourceTest {

    @TestHTTPResource("/ping")
    URI pingUri;

    @Test
    void fixturesAreAcceptedAndLandOnTheTopicKeyedByInstanceId() throws Exception {
        Instant before = Instant.now();
        for (String fixture : List.of("current-docker-ce.json", "current-k8s-ee.json", "v1.0-localfs-minimal.json")) {
            ObjectNode ping = fixture(fixture);
            String instanceId = UUID.randomUUID().toString();
            ping.put("instanceId", instanceId);
            given().contentType(ContentType.JSON).body(ping.toString())
                    .when().post("/ping")
                    .then().statusCode(200).contentType(ContentType.JSON).body(equalTo("{\"status\":\"success\"}"));

            List<ConsumerRecord<String, String>> records = TopicReader.read(Topics.TELEMETRY_PINGS_V1,
                    r -> instanceId.equals(r.key()), 1, Duration.ofSeconds(20));
            assertEquals(1, records.size(), fixture);
            TelemetryPingEvent event = TopicReader.event(records.get(0));
            assertEquals(1, event.schemaVersion());
            assertEquals(TelemetryPingEvent.SOURCE_PING, event.source());
            assertNotNull(UUID.fromString(event.eventId()));
            assertFalse(event.receivedAt().isBefore(before.minusSeconds(1)));
            assertFalse(event.receivedAt().isAfter(Instant.now()));
            assertTrue(event.senderIpHash().matches("[0-9a-f]{64}"), "a keyed hash, never the address");
            assertFalse(records.get(0).value().contains("127.0.0.1"), "the raw address is nowhere in the event");
            assertEquals(ping, EventJson.mapper().readTree(EventJson.mapper().writeValueAsString(event.ping())), fixture);
            assertTrue(event.extras().isEmpty());
        }
    }

    @Test
    void theBareRootPathAcceptsPingsTooAndExtrasTravel() throws Exception {
        String instanceId = UUID.randomUUID().toString();
        String body = "{\"instanceId\":\"" + instanceId + "\",\"env\":{\"flowforge\":\"2.40.0\",\"bun\":\"1.2\"},"
                + "\"certifiedNodes\":{\"node-red-contrib-x\":2}}";
        given().body(body).when().post("/").then().statusCode(200).body("status", equalTo("success"));

        TelemetryPingEvent event = TopicReader.event(TopicReader.read(Topics.TELEMETRY_PINGS_V1,
                r -> instanceId.equals(r.key()), 1, Duration.ofSeconds(20)).get(0));
        assertEquals("2.40.0", event.ping().env().flowforge());
        assertEquals("1.2", event.extras().get("env.bun").asText());
        assertEquals(2, event.extras().get("certifiedNodes").get("node-red-contrib-x").asInt());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"os\":{\"type\":\"Linux\"}}                     | Missing required property: instanceId",
            "{\"instanceId\":\"\"}                             | Missing required property: instanceId",
            "not json                                          | Request body is not valid JSON: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
            "{\"instanceId\":\"a\"} trailing                   | Request body is not valid JSON: Unrecognized token 'trailing': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
            "\"just a string\"                                 | The request body must be a JSON object, got string \"just a string\"",
            "{\"instanceId\":\"a\",\"platform\":{\"counts\":{\"devices\":\"many\"}}} | Field 'platform.counts.devices' must be a whole number from 0 to 2147483647, got string \"many\"",
    })
    void badPingsGet400WithTheCollectorsErrorShape(String body, String error) {
        given().contentType(ContentType.JSON).body(body.trim())
                .when().post("/ping")
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("status", equalTo("error")).body("error", equalTo(error.trim()));
    }

    /** What PostgreSQL cannot store is refused at the edge, the message naming the field and the rule. */
    @Test
    void whatTheStoreCannotHoldIs400NamingTheFieldAndTheRule() {
        String deep = "[".repeat(17) + "]".repeat(17);
        Object[][] cases = {
                {"{\"instanceId\":\"x\",\"note\":\"a\\u0000b\"}", new String[]{"'note'", "NUL"}},
                {"{\"instanceId\":\"x\",\"\\u0000k\":1}", new String[]{"'extras key'", "NUL"}},
                {"{\"instanceId\":\"x\",\"os\":{\"type\":\"\\ud800\"}}", new String[]{"'os.type'", "unpaired"}},
                {"{\"instanceId\":\"x\",\"n\":1e200000}", new String[]{"'n'", "out of range"}},
                {"{\"instanceId\":\"x\",\"n\":1e-999999}", new String[]{"'n'", "after the decimal point"}},
                {"{\"instanceId\":\"x\",\"instanceId\":\"y\"}", new String[]{"Duplicate field 'instanceId'"}},
                {"{\"instanceId\":\"x\",\"os\":{\"type\":\"a\",\"type\":\"b\"}}", new String[]{"Duplicate field 'type'"}},
                {"{\"instanceId\":\"" + "i".repeat(257) + "\"}", new String[]{"'instanceId'", "256"}},
                {"{\"instanceId\":\"x\",\"d\":" + deep + "}", new String[]{"nested deeper than 16", "ingest.limits.nesting-depth"}},
                {"[{\"instanceId\":\"x\"}]", new String[]{"must be a JSON object, got array"}},
                {"{\"instanceId\":\"x\",\"platform\":{\"counts\":{\"users\":-1}}}", new String[]{"'platform.counts.users'", "0 to 2147483647"}},
        };
        for (Object[] c : cases) {
            var reply = given().contentType(ContentType.JSON).body((String) c[0]).post("/ping");
            reply.then().statusCode(400).contentType(ContentType.JSON).body("status", equalTo("error"));
            String error = reply.jsonPath().getString("error");
            for (String part : (String[]) c[1]) {
                assertTrue(error.contains(part), "'" + part + "' in: " + error + " (body " + c[0] + ")");
            }
        }
        // Overlong UTF-8 (C0 80 is a disguised NUL): Jackson alone would take it.
        given().contentType(ContentType.JSON)
                .body(new byte[]{'{', '"', 'i', 'n', 's', 't', 'a', 'n', 'c', 'e', 'I', 'd', '"', ':', '"', 'a', (byte) 0xC0, (byte) 0x80, '"', '}'})
                .post("/ping").then().statusCode(400).body("error", org.hamcrest.Matchers.containsString("not valid UTF-8"));
    }

    /** Like the real collector, any content type is accepted when the body is a JSON object. */
    @Test
    void anyContentTypeIsAcceptedForAJsonObject() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "application/octet-stream", "multipart/form-data; boundary=x")) {
            HttpRequest request = HttpRequest.newBuilder(pingUri).header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"instanceId\":\"ct-" + UUID.randomUUID() + "\"}"))
                    .build();
            HttpResponse<String> reply = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, reply.statusCode(), type + ": " + reply.body());
            assertEquals("{\"status\":\"success\"}", reply.body(), type);
        }
    }

    @Test
    void anEmptyBodyIs400() {
        given().contentType(ContentType.JSON).when().post("/ping")
                .then().statusCode(400).body("error", equalTo("Missing request body: a ping is a JSON object"));
    }

    @Test
    void aPingAbove64KiBIs413WithOrWithoutContentLength() throws Exception {
        String big = "{\"instanceId\":\"big\",\"padding\":\"" + "x".repeat(64 * 1024) + "\"}";
        given().contentType(ContentType.JSON).body(big).when().post("/ping")
                .then().statusCode(413).body("status", equalTo("error"))
                .body("error", equalTo("Ping body larger than 65536 bytes (ingest.limits.body-bytes)"));

        // Chunked, so no Content-Length to judge by: the limit holds while reading.
        HttpRequest chunked = HttpRequest.newBuilder(pingUri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> (InputStream) new ByteArrayInputStream(big.getBytes())))
                .build();
        HttpResponse<String> reply = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, reply.statusCode());

        // Just under the limit is fine (strings within ingest.limits.string-length, 8,192 characters).
        StringBuilder fitting = new StringBuilder("{\"instanceId\":\"fits\"");
        for (int i = 0; i < 7; i++) {
            fitting.append(",\"padding").append(i).append("\":\"").append("x".repeat(8192)).append('"');
        }
        String fits = fitting.append(",\"tail\":\"").append("x".repeat(65536 - fitting.length() - 20)).append("\"}").toString();
        assertTrue(fits.length() <= 65536 && fits.length() > 65500, "length " + fits.length());
        given().contentType(ContentType.JSON).body(fits).when().post("/ping").then().statusCode(200);
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().contentType(ContentType.JSON).body("{\"instanceId\":\"metrics-probe\"}").post("/ping").then().statusCode(200);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("telemetry_pings_received_total{outcome=\"accepted\""), metrics);
        // every outcome is there from the start, at 0 until it happens (a rate over it then reads 0, not "no data")
        assertTrue(metrics.contains("telemetry_pings_received_total{outcome=\"rate_limited\"} 0.0"), metrics);
        // the Kafka send latency as a histogram (buckets Prometheus can take quantiles of)
        assertTrue(metrics.contains("telemetry_kafka_send_seconds_bucket{le=\""), metrics);
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("telemetry_kafka_send_seconds_count ")
                && Double.parseDouble(l.split(" ")[1]) >= 1), metrics);
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/ping"));
    }

    static ObjectNode fixture(String name) throws Exception {
        try (InputStream in = PingResourceTest.class.getResourceAsStream("/pings/" + name)) {
            JsonNode node = EventJson.mapper().readTree(in);
            return (ObjectNode) node;
        }
    }
}
